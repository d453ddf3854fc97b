package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcisegment.core.source.YamlLoader;

/**
 * The corpus of malformed inputs under {@code src/test/resources/bad-input/}: each file
 * {@code NAME.ext} has its expected standard error in {@code NAME.expected} ({@code {file}} stands
 * for the file's path) and, optionally, its command line in {@code NAME.args} (default
 * {@code validate -f {file}}). Every one must end with exit code 2, that one located sentence, and
 * nothing on standard output. Inputs that cannot be committed (missing, unreadable, oversized, a
 * FIFO) are made by the tests below.
 */
class BadInputCorpusTest {
    static final Path CORPUS = Path.of("src", "test", "resources", "bad-input");

    /** Problems of the file as a whole: there is no line and column to point at. */
    private static final Set<String> WITHOUT_POSITION = Set.of(
            "empty.yaml",
            "whitespace-only.yaml",
            "comments-only.yaml",
            "binary-gzip.yaml",
            "binary-random-no-nul.yaml",
            "nul-byte.yaml",
            "invalid-utf8.yaml");

    @TempDir
    Path dir;

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> !sidecar(f)).sorted().toList().stream();
        }
    }

    private static boolean sidecar(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".expected") || name.endsWith(".args");
    }

    private static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + extension);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void malformedInputExitsWithTwoAndOneLocatedSentence(Path input) throws IOException {
        Path argsFile = withExtension(input, ".args");
        String template = Files.exists(argsFile) ? Files.readString(argsFile).strip() : "validate -f {file}";
        String[] args = template.replace("{file}", input.toString()).split(" ");
        String expected = Files.readString(withExtension(input, ".expected"), StandardCharsets.UTF_8)
                .replace("{file}", input.toString());

        Cli run = Cli.run(args);

        assertThat(run.err()).isEqualTo(expected);
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.showsAStackTrace()).isFalse();
        assertThat(run.err().lines()).as("one sentence on one line").hasSize(1);
        if (!WITHOUT_POSITION.contains(input.getFileName().toString())) {
            assertThat(run.err()).startsWith("error: " + input + ":").matches("(?s)error: \\S+:\\d+:\\d+: .*");
        }
    }

    @Test
    void theCorpusHoldsAtLeastThirtyCasesEachWithItsExpectedMessage() throws IOException {
        List<Path> inputs = corpus().toList();
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(30);
        for (Path input : inputs) {
            assertThat(withExtension(input, ".expected"))
                    .as("expected message of %s", input)
                    .exists();
        }
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path side : files.filter(BadInputCorpusTest::sidecar).toList()) {
                assertThat(inputs.stream().map(i -> withExtension(i, "")))
                        .as("%s belongs to an input", side)
                        .contains(withExtension(side, ""));
            }
        }
        assertThat(WITHOUT_POSITION)
                .allSatisfy(name -> assertThat(CORPUS.resolve(name)).exists());
    }

    private static void assertInputError(Cli run, String expectedErr) {
        assertThat(run.err()).isEqualTo(expectedErr);
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.showsAStackTrace()).isFalse();
    }

    @Test
    void aMissingFileDirectoryOrPattern() throws IOException {
        Path missing = dir.resolve("missing.yaml");
        assertInputError(
                Cli.run("validate", "-f", missing.toString()), "error: " + missing + ": file or directory not found\n");
        assertInputError(
                Cli.run("validate", "-f", "../examples/policies", "--inventory", missing.toString()),
                "error: " + missing + ": file or directory not found\n");
        assertInputError(
                Cli.run("validate", "-f", dir + "/*.yaml"),
                "error: " + dir + "/*.yaml: no file matches this pattern\n");
        assertInputError(
                Cli.run("validate", "-f", dir + "/nowhere/**/*.yaml"),
                "error: " + dir + "/nowhere/**/*.yaml: directory of the pattern not found: " + dir + "/nowhere\n");
        Files.writeString(dir.resolve("README.md"), "no policies here\n");
        assertInputError(
                Cli.run("validate", "-f", dir.toString()),
                "error: " + dir + ": directory holds no .yaml, .yml or .json file; nothing to load\n");
        assertInputError(Cli.run("validate", "-f", ""), "error: : empty file name given to -f\n");
    }

    @Test
    void aFileOverTheSizeLimit() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(YamlLoader.MAX_FILE_BYTES + 1); // sparse: nothing is written to disk
        }
        assertInputError(
                Cli.run("validate", "-f", big.toString()),
                "error: " + big + ": file is 33554433 bytes, over the limit of 33554432 bytes for a policy or"
                        + " inventory file\n");
    }

    @Test
    void aNamedPipeIsNotReadAndDoesNotBlock() throws Exception {
        Path fifo = dir.resolve("pipe.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0)
                .as("mkfifo works")
                .isTrue();
        assertInputError(Cli.run("validate", "-f", fifo.toString()), "error: " + fifo + ": not a regular file\n");
    }

    @Test
    void anOutputFileInAMissingDirectory() {
        Path report = dir.resolve("no-such-dir").resolve("report.json");
        assertInputError(
                Cli.run("validate", "-f", "../examples/policies/cde-isolation.yaml", "-o", report.toString()),
                "error: " + report + ": output directory does not exist: " + report.getParent() + "\n");
    }

    /**
     * chmod 000 stops every user but root, and the tests may run as root (CI runs kernel tests).
     * Then the CLI runs in a child JVM without the capabilities that let root ignore file modes.
     */
    @Test
    void anUnreadableFile() throws Exception {
        Path locked = Files.writeString(dir.resolve("locked.yaml"), "apiVersion: pci-segment/v1\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        String expected = "error: " + locked + ": permission denied: cannot read the file\n";
        if (!Files.isReadable(locked)) {
            assertInputError(Cli.run("validate", "-f", locked.toString()), expected);
            return;
        }
        assumeThat(Path.of("/usr/bin/setpriv"))
                .as("setpriv (util-linux) to drop root's file capabilities")
                .exists();
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/setpriv",
                "--bounding-set=-dac_override,-dac_read_search",
                "--inh-caps=-all",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.pcisegment.cli.Main",
                "validate",
                "-f",
                locked.toString()));
        Process process = new ProcessBuilder(command).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the child JVM finishes")
                .isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertInputError(new Cli(process.exitValue(), out, err), expected);
    }
}
