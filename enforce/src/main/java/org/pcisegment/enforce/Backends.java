package org.pcisegment.enforce;

import java.util.List;
import java.util.Locale;
import org.pcisegment.enforce.nft.NftEnforcer;
import org.pcisegment.enforce.nft.NftOptions;
import org.pcisegment.enforce.pf.PfEnforcer;

/** The enforcement backends of this build, by their {@code --backend} name. */
public final class Backends {
    private Backends() {}

    /** Every backend name, for {@code --backend} and its help. */
    public static List<String> names() {
        return List.of(NftEnforcer.NAME, PfEnforcer.NAME);
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
        return switch (name) {
            case NftEnforcer.NAME -> NftEnforcer.create(NftOptions.DEFAULTS);
            case PfEnforcer.NAME -> PfEnforcer.create();
            default -> throw new IllegalArgumentException("unknown backend '" + name + "'; backends: " + names());
        };
    }
}
