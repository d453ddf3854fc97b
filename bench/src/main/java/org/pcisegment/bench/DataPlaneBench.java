package org.pcisegment.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.ebpf.EbpfEnforcer;
import org.pcisegment.enforce.ebpf.EbpfOptions;
import org.pcisegment.enforce.nft.NftEnforcer;
import org.pcisegment.enforce.nft.NftOptions;

/**
 * The Java side of {@code bench/ebpf-dataplane.sh}, run inside the server's network namespace:
 * installs N rules through a pci-segment backend (or prints the same rules as an iptables
 * ruleset), measures the one-rule change at that size, and removes what it installed.
 *
 * <p>The rules: the server "target" (10.199.0.1) admits TCP port 5201 from one /32 peer per
 * rule. Rule i's peer is 10.128.0.0 + i, except that the client's source addresses
 * 10.100.0.1..10.100.0.S take the places spread evenly through the list (rule (j + 1/2) * N / S
 * for source j), so that a filter walking the rules in order walks half of them on average for
 * the client's new connections; no rule is merged with another.
 *
 * <pre>
 * iptables N S                          iptables-restore input: N ACCEPT rules, then DROP
 * apply ebpf|nft N S IFACE PINROOT [R]  enforce; with R, then time R one-rule changes
 * disable ebpf|nft IFACE PINROOT        remove what apply installed
 * </pre>
 */
public final class DataPlaneBench {
    static final String SERVER = "10.199.0.1";
    static final int PORT = 5201;
    /** The port the one-rule change gives rule 0 (a peer that is never a client source). */
    static final int CHANGED_PORT = 5202;

    private DataPlaneBench() {}

    public static void main(String[] args) {
        switch (args[0]) {
            case "iptables" -> System.out.print(iptables(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
            case "apply" ->
                apply(
                        args[1],
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        args[4],
                        Path.of(args[5]),
                        args.length > 6 ? Integer.parseInt(args[6]) : 0);
            case "disable" -> enforcer(args[1], args[2], Path.of(args[3])).disable();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** Client source j (0-based): 10.100.0.(j + 1). */
    static String source(int j) {
        return "10.100.0." + (j + 1);
    }

    /** The /32 peer of rule i among {@code rules} with {@code sources} client addresses. */
    static String peer(int i, int rules, int sources) {
        if (sources < 1 || sources > 254 || rules < sources) {
            throw new IllegalArgumentException("need 1-254 sources and at least as many rules");
        }
        int j = (int) ((long) i * sources / rules);
        for (int candidate = Math.max(0, j - 1); candidate <= Math.min(sources - 1, j + 1); candidate++) {
            if (position(candidate, rules, sources) == i) {
                return source(candidate) + "/32";
            }
        }
        return BenchPolicies.ipv4((10L << 24) + (128L << 16) + i) + "/32";
    }

    private static int position(int source, int rules, int sources) {
        return (int) ((2L * source + 1) * rules / (2L * sources));
    }

    static DesiredState desired(int rules, int sources, boolean changed) {
        return BenchPolicies.desired(
                rules,
                i -> peer(i, rules, sources),
                i -> changed && i == 0 ? CHANGED_PORT : PORT,
                SERVER,
                Instant.now());
    }

    /** What a user would write by hand: accept established, one ACCEPT per peer, then DROP. */
    static String iptables(int rules, int sources) {
        StringBuilder out = new StringBuilder(rules * 70 + 300);
        out.append("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        out.append("-A INPUT -i lo -j ACCEPT\n");
        out.append("-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n");
        for (int i = 0; i < rules; i++) {
            out.append("-A INPUT -s ")
                    .append(peer(i, rules, sources))
                    .append(" -p tcp -m tcp --dport ")
                    .append(PORT)
                    .append(" -j ACCEPT\n");
        }
        if (rules > 0) {
            out.append("-A INPUT -j DROP\n");
        }
        return out.append("COMMIT\n").toString();
    }

    private static Enforcer enforcer(String backend, String iface, Path pinRoot) {
        return switch (backend) {
            case "ebpf" ->
                new EbpfEnforcer(
                        EbpfOptions.DEFAULTS.withInterfaces(List.of(iface)).withPinRoot(pinRoot));
            case "nft" -> NftEnforcer.create(NftOptions.DEFAULTS);
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
    }

    private static void apply(String backend, int rules, int sources, String iface, Path pinRoot, int updates) {
        long compileStart = System.nanoTime();
        DesiredState base = desired(rules, sources, false);
        double compileMs = millis(System.nanoTime() - compileStart);
        Enforcer enforcer = enforcer(backend, iface, pinRoot);
        long start = System.nanoTime();
        enforcer.apply(base);
        double applyMs = millis(System.nanoTime() - start);
        System.out.printf(
                Locale.ROOT,
                "%s: %d rules installed (policy generated and compiled in %.0f ms; apply %.0f ms%s)%n",
                backend,
                rules,
                compileMs,
                applyMs,
                enforcer instanceof EbpfEnforcer ebpf
                        ? ebpf.lastApply()
                                .map(r -> String.format(
                                        Locale.ROOT,
                                        ", %d map entries written in %.1f ms",
                                        r.entriesWritten(),
                                        millis(r.mapUpdateNanos())))
                                .orElse("")
                        : "");
        if (updates > 0) {
            oneRuleChange(enforcer, base, desired(rules, sources, true), rules, updates);
        }
    }

    /**
     * Alternates the base policy and the one with rule 0's port changed, timing each apply after one
     * warm-up round; leaves the base policy installed.
     */
    private static void oneRuleChange(
            Enforcer enforcer, DesiredState base, DesiredState changed, int rules, int updates) {
        List<Double> whole = new ArrayList<>();
        List<Double> mapWrites = new ArrayList<>();
        List<Integer> entries = new ArrayList<>();
        for (int round = 0; round < updates + 1; round++) {
            for (DesiredState next : List.of(changed, base)) {
                long start = System.nanoTime();
                enforcer.apply(next);
                double wall = millis(System.nanoTime() - start);
                if (round >= 1) {
                    whole.add(wall);
                    if (enforcer instanceof EbpfEnforcer ebpf) {
                        EbpfEnforcer.ApplyReport report = ebpf.lastApply().orElseThrow();
                        mapWrites.add(millis(report.mapUpdateNanos()));
                        entries.add(report.entriesWritten());
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "one-rule change at %d rules, %d applies: whole %s.apply median %.1f ms (min %.1f, max %.1f)%n",
                rules,
                whole.size(),
                enforcer.getClass().getSimpleName(),
                median(whole),
                min(whole),
                max(whole));
        if (!mapWrites.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "one-rule change at %d rules: map-diff writes (%d-%d entries) median %.3f ms (min %.3f, max %.3f)%n",
                    rules,
                    entries.stream().mapToInt(Integer::intValue).min().orElse(0),
                    entries.stream().mapToInt(Integer::intValue).max().orElse(0),
                    median(mapWrites),
                    min(mapWrites),
                    max(mapWrites));
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
