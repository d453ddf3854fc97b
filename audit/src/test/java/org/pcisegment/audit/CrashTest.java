package org.pcisegment.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed with SIGKILL at random moments, 50 times over the same log: every event it
 * acknowledged is in the log afterwards, and the chain verifies after each restart.
 */
class CrashTest {
    private static final int RUNS = 50;

    @TempDir
    Path temp;

    @Test
    void noAcknowledgedEventIsLostAcrossFiftyKills() throws Exception {
        AuditLocation location = TestLogs.location(temp);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int run = 0; run < RUNS; run++) {
            Process child = start(location, "r" + run);
            CountDownLatch opened = new CountDownLatch(1);
            // Kill after a random number of acknowledgements (the machine's speed varies), then a random delay.
            CountDownLatch enoughAcks = new CountDownLatch(1 + random.nextInt(150));
            Thread reader = Thread.ofPlatform().start(() -> readAcks(child, acknowledged, opened, enoughAcks));
            assertThat(opened.await(120, TimeUnit.SECONDS))
                    .as("run %d (seed %d): the writer did not open the log: %s", run, seed, stderr(child))
                    .isTrue();
            if (run == 0) {
                assertThatThrownBy(() -> AuditLog.open(AuditConfig.at(location)))
                        .isInstanceOf(AuditException.class)
                        .hasMessageContaining("being written by another process (pid " + child.pid() + ")");
            }
            assertThat(enoughAcks.await(120, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(random.nextInt(20));
            assertThat(child.isAlive())
                    .as("run %d: the writer died by itself: %s", run, stderr(child))
                    .isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
            reader.join();

            VerifyReport afterKill = AuditVerifier.verify(location);
            assertThat(afterKill.intact())
                    .as("run %d (seed %d): %s", run, seed, afterKill.text())
                    .isTrue();
        }
        AuditLog.open(AuditConfig.at(location)).close();

        VerifyReport report = AuditVerifier.verify(location);
        assertThat(report.intact()).as(report.text()).isTrue();
        Set<String> logged = loggedIds(location);
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(logged);
        assertThat(lost).as("acknowledged but missing (seed %d)", seed).isEmpty();
        assertThat(acknowledged).hasSizeGreaterThan(RUNS * 10);
        System.out.printf(
                "crash test: %d kills, %d acknowledged events all present, %d records, %d torn-line seals%n",
                RUNS, acknowledged.size(), report.records(), countLines(location, "audit-torn-record-sealed"));
        long restarts = countLines(location, "\"action\":\"audit-log-started\"");
        assertThat(restarts).isEqualTo(RUNS + 1);
    }

    private Process start(AuditLocation location, String run) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xshare:auto",
                        "-cp",
                        classpath,
                        CrashWriter.class.getName(),
                        location.directory().toString(),
                        location.keyDirectory().toString(),
                        run)
                .redirectError(temp.resolve("stderr-" + run + ".txt").toFile())
                .start();
    }

    private String stderr(Process child) {
        try {
            return Files.readString(temp.resolve("stderr-"
                    + child.info()
                            .arguments()
                            .map(args -> args[args.length - 1])
                            .orElse("?") + ".txt"));
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    private static void readAcks(Process child, Set<String> acknowledged, CountDownLatch opened, CountDownLatch acks) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("open")) {
                    opened.countDown();
                } else if (line.startsWith("ack ")) {
                    acknowledged.add(line.substring(4));
                    acks.countDown();
                }
            }
        } catch (IOException e) {
            // The child was killed: its pipe closes.
        } finally {
            opened.countDown();
            while (acks.getCount() > 0) {
                acks.countDown();
            }
        }
    }

    private static Set<String> loggedIds(AuditLocation location) throws IOException {
        Set<String> ids = new HashSet<>();
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("\"crash_id\":\"([^\"]+)\"");
        for (Path file : TestLogs.files(location)) {
            for (String line : lines(file)) {
                java.util.regex.Matcher matcher = id.matcher(line);
                if (matcher.find()) {
                    ids.add(matcher.group(1));
                }
            }
        }
        return ids;
    }

    private static long countLines(AuditLocation location, String text) throws IOException {
        long count = 0;
        for (Path file : TestLogs.files(location)) {
            count += lines(file).stream().filter(l -> l.contains(text)).count();
        }
        return count;
    }

    private static List<String> lines(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return TestLogs.lines(file);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            return new ArrayList<>(reader.lines().toList());
        }
    }
}
