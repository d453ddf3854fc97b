package org.pcisegment.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.Snapshot;
import org.pcisegment.enforce.nft.NftEnforcer;
import org.pcisegment.enforce.nft.NftOptions;

/**
 * Times {@code NftEnforcer.apply} (read what is installed, replace our table in one libnftables
 * transaction, read it back and verify) for 1k, 10k and 100k compiled rules of one host, and a
 * one-rule change on a 10k-rule ruleset. Baselines from the same run: {@code nft -f} of the same
 * transaction text (the program, no read-back), an apply of an empty ruleset (fixed overhead), and
 * for the one-rule change an incremental {@code nft add element}. Run it inside a scratch network
 * namespace as root: {@code bench/nft-apply.sh} does.
 */
public final class NftApplyBenchmark {
    private NftApplyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0
                ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 10_000, 100_000};
        NftEnforcer enforcer = NftEnforcer.create(NftOptions.DEFAULTS);
        System.out.println("nftables apply benchmark, " + enforcer.target());
        System.out.println("median of runs; wall ms / CPU ms (CPU: this process with libnftables, or the nft child)");
        System.out.printf(
                "%8s %5s %19s %19s %19s %19s %10s%n",
                "rules", "runs", "apply (full)", "read back once", "nft -f same text", "empty apply", "apply/nft");
        DesiredState empty = desired(0, -1, Instant.now());
        for (int size : sizes) {
            int runs = size >= 100_000 ? 3 : 5;
            DesiredState[] states = {
                desired(size, -1, Instant.now()),
                desired(size, -1, Instant.now().plusSeconds(1))
            };
            int[] turn = {0};
            Time apply = median(runs, () -> Time.of(() -> enforcer.apply(states[turn[0]++ % 2])));
            Time read = median(runs, () -> Time.of(enforcer::status));
            String transaction = replaceTransaction(enforcer.render(states[0]));
            Time nft = median(runs, () -> Time.of(() -> nftFile(transaction)));
            Time emptyApply = median(runs, () -> Time.of(() -> enforcer.apply(empty)));
            System.out.printf(
                    "%8d %5d %19s %19s %19s %19s %10.2f%n",
                    size, runs, apply, read, nft, emptyApply, apply.wallMillis() / nft.wallMillis());
        }
        int size = 10_000;
        DesiredState base = desired(size, -1, Instant.now());
        DesiredState changed = desired(size, 0, Instant.now());
        int runs = 5;
        Time change = median(runs, () -> {
            enforcer.apply(base);
            return Time.of(() -> enforcer.apply(changed));
        });
        Time element = median(runs, () -> {
            enforcer.apply(base);
            return Time.of(() -> nftCommand(
                    "add element inet pci_segment allow_in_v4 { 10.0.0.0/28 . tcp . 2 comment \"changed\" }"));
        });
        System.out.printf(
                "one-rule change on %d rules: apply %s (whole table replaced and verified);"
                        + " baseline nft add element %s; ratio %.1f%n",
                size, change, element, change.wallMillis() / element.wallMillis());
        enforcer.disable();
    }

    /** Runs every code path a few times so that the figures are of compiled code, not the JIT's work. */
    private static void warmUp(NftEnforcer enforcer) {
        DesiredState state = desired(1_000, -1, Instant.now());
        for (int i = 0; i < 3; i++) {
            enforcer.apply(i % 2 == 0 ? state : desired(1_000, 0, Instant.now()));
            enforcer.status();
            enforcer.restore(new Snapshot(NftEnforcer.NAME, Optional.of(enforcer.render(state))));
        }
        enforcer.disable();
    }

    /** Wall-clock and CPU time of one run. */
    record Time(double wallMillis, double cpuMillis) {
        static Time of(Runnable action) {
            long wall = System.nanoTime();
            long cpu = cpuNanos();
            action.run();
            return new Time((System.nanoTime() - wall) / 1e6, (cpuNanos() - cpu) / 1e6);
        }

        @Override
        public String toString() {
            return String.format("%8.1f / %8.1f", wallMillis, cpuMillis);
        }
    }

    /** CPU time of this process and of its finished children (user + system). */
    private static long cpuNanos() {
        long self = ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long childTicks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // cutime, cstime
            return self + childTicks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException e) {
            return self;
        }
    }

    /**
     * The desired state of host "target" under {@code rules} compiled rules: policies of 1000
     * ingress rules each, rule i admitting 10.0.0.0/28 + 16*i on TCP port 1024 + i % 60000 (rule
     * {@code changedRule}, when not -1, admits port 2 instead).
     */
    static DesiredState desired(int rules, int changedRule, Instant at) {
        return BenchPolicies.desired(
                rules,
                i -> BenchPolicies.ipv4((10L << 24) + 16L * i) + "/28",
                i -> i == changedRule ? 2 : 1024 + i % 60000,
                "192.0.2.1",
                at);
    }

    private static String replaceTransaction(String table) {
        return "add table inet pci_segment\ndelete table inet pci_segment\n" + table;
    }

    private static void nftFile(String transaction) {
        try {
            Path file = Files.createTempFile("pci-segment-bench", ".nft");
            try {
                Files.writeString(file, transaction, StandardCharsets.UTF_8);
                nft(List.of("nft", "-f", file.toString()));
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void nftCommand(String command) {
        nft(List.of("nft", command));
    }

    private static void nft(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The run with the median wall-clock time. */
    private static Time median(int runs, Supplier<Time> run) {
        List<Time> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(run.get());
        }
        times.sort(java.util.Comparator.comparingDouble(Time::wallMillis));
        return times.get(times.size() / 2);
    }
}
