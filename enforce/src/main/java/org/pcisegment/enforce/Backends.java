package org.pcisegment.enforce;

import java.util.List;
import java.util.Locale;
import org.pcisegment.enforce.ebpf.EbpfEnforcer;
import org.pcisegment.enforce.ebpf.EbpfOptions;
import org.pcisegment.enforce.nft.NftEnforcer;
import org.pcisegment.enforce.nft.NftOptions;
import org.pcisegment.enforce.pf.PfEnforcer;

/** The enforcement backends of this build, by their {@code --backend} name. */
public final class Backends {
    private Backends() {}

    /** Every backend name, for {@code --backend} and its help. */
    public static List<String> names() {
        return List.of(NftEnforcer.NAME, PfEnforcer.NAME, EbpfEnforcer.NAME);
    }

    /** pf on macOS and the BSDs, nftables elsewhere. */
    public static String defaultName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("mac") || os.contains("bsd") ? PfEnforcer.NAME : NftEnforcer.NAME;
    }

    /**
     * A backend with its default settings.
     *
     * @throws IllegalArgumentException for a name not in {@link #names()}
     */
    public static Enforcer create(String name) {
        return create(name, List.of());
    }

    /**
     * A backend enforcing on the named interfaces; only the eBPF backend attaches per interface (the
     * others filter the whole host), so naming interfaces for another backend is refused.
     *
     * @throws IllegalArgumentException for an unknown name, or interfaces given to a host-wide backend
     */
    public static Enforcer create(String name, List<String> interfaces) {
        if (!interfaces.isEmpty() && !name.equals(EbpfEnforcer.NAME)) {
            throw new IllegalArgumentException("--interface applies to the " + EbpfEnforcer.NAME + " backend; " + name
                    + " filters the whole host");
        }
        return switch (name) {
            case NftEnforcer.NAME -> NftEnforcer.create(NftOptions.DEFAULTS);
            case PfEnforcer.NAME -> PfEnforcer.create();
            case EbpfEnforcer.NAME -> new EbpfEnforcer(EbpfOptions.DEFAULTS.withInterfaces(interfaces));
            default -> throw new IllegalArgumentException("unknown backend '" + name + "'; backends: " + names());
        };
    }
}
