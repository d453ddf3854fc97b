package org.pcisegment.kube.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The np-guard netpol-analyzer oracle data, read in place from
 * {@code <repository root>/../shared/oracles/netpol-analyzer}. Missing data fails the tests: the
 * oracle is what proves the analysis right, so running without it would prove nothing.
 */
public final class OracleData {
    private OracleData() {}

    /** The directory holding the top pom (the module's parent, or above). */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("kube"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("cannot find the repository root (a directory with pom.xml and kube/) above "
                + Path.of("").toAbsolutePath());
    }

    public static Path root() {
        Path root =
                repositoryRoot().resolve("../shared/oracles/netpol-analyzer").normalize();
        assertThat(root.resolve("README.md"))
                .as("oracle data of np-guard netpol-analyzer must be present at " + root)
                .isRegularFile();
        return root;
    }

    public static Path caseDir(String name) {
        Path dir = root().resolve("cases").resolve(name);
        assertThat(dir).as("oracle case directory").isDirectory();
        return dir;
    }

    public static Path errorDir(String name) {
        Path dir = root().resolve("errors").resolve(name);
        assertThat(dir).as("oracle error case directory").isDirectory();
        return dir;
    }

    /** Names of the connlist cases: every {@code expected/connlist/*.txt}. */
    public static List<String> connlistCases() {
        return names(root().resolve("expected/connlist"));
    }

    /** Names of the diff cases: every {@code expected/diff/*.txt}, as {@code NEW_and_OLD}. */
    public static List<String> diffCases() {
        return names(root().resolve("expected/diff"));
    }

    public static List<String> errorCases() {
        try (Stream<Path> entries = Files.list(root().resolve("errors"))) {
            List<String> names = entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
            assertThat(names).as("oracle error cases").isNotEmpty();
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> expectedLines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - ".txt".length()))
                    .sorted()
                    .toList();
            assertThat(names).as("oracle cases in " + dir).isNotEmpty();
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
