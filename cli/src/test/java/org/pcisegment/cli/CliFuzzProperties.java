package org.pcisegment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutates the shipped examples (byte flips, truncation, deleted, duplicated and swapped lines,
 * inserted YAML fragments) and runs {@code validate} on the result: whatever the input, the CLI
 * must answer with exit 0, 1 or 2, never 4, and never show a stack trace.
 */
class CliFuzzProperties {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String INVENTORY = EXAMPLES.resolve("inventory.yaml").toString();

    /** Pieces of YAML (and of our schema) that tend to break parsers and loaders. */
    private static final List<String> FRAGMENTS = List.of(
            "- {}",
            "&a [*a]",
            "<<: *x",
            "? [a, b]\n: c",
            "{",
            "}",
            "[",
            "]",
            "'",
            "\"",
            "\t",
            ":",
            "- ",
            "!!binary aGk=",
            "!!set {a, b}",
            "!!int x",
            "!custom tag",
            "key: value",
            "- - - -",
            "*undefined",
            "&anchor",
            "%YAML 1.1",
            "%TAG ! tag:x,2000:",
            "---",
            "...",
            "#",
            "|\n  text",
            ">-\n  folded",
            "\uFEFF",
            "\u00e9\u00e8",
            "\u0000",
            "ports: [{port: 99999999999999999999}]",
            "cidr: ::/0",
            "cidr: 0.0.0.0/0",
            "cidr: 10.0.0.1/33",
            "- from: []",
            "- to:",
            "egress:",
            "ingress: ~",
            "egress: []",
            "podSelector: {matchExpressions: [{key: a, operator: In}]}",
            "podSelector: {}",
            "port: 0x1F",
            "port: -1",
            "endPort: 1e9",
            "endPort: 70000",
            "protocol: icmp",
            "labels: {a: [b]}",
            "pci-dss: \"Req 99.99\"",
            "kind: Inventory",
            "kind: NetworkPolicy",
            "apiVersion: v2",
            "workloads: []",
            "addresses: [\"::/0\"]",
            "- name: x\n  addresses: [0.0.0.0/0]",
            "name: ''",
            "except: [0.0.0.0/0]",
            "policyTypes: [Ingress, Ingress]",
            "namespaceSelector: {}");

    private static final List<byte[]> SEEDS = loadSeeds();
    private static final byte[] INVENTORY_SEED = read(EXAMPLES.resolve("inventory.yaml"));

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<byte[]> loadSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(
                Files.list(EXAMPLES.resolve("policies")),
                Stream.concat(
                        Stream.of(EXAMPLES.resolve("inventory.yaml")), Files.list(EXAMPLES.resolve("findings"))))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                seeds.add(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds;
    }

    /** One change to a file's bytes. */
    interface Mutation {
        byte[] apply(byte[] input);
    }

    @Provide
    Arbitrary<byte[]> mutatedExamples() {
        return mutated(Arbitraries.of(SEEDS));
    }

    @Provide
    Arbitrary<byte[]> mutatedInventories() {
        return mutated(Arbitraries.just(INVENTORY_SEED));
    }

    /** One to three mutations; line edits and fragments often leave a file loadable, so validation runs too. */
    private static Arbitrary<byte[]> mutated(Arbitrary<byte[]> seeds) {
        Arbitrary<Mutation> mutation = Arbitraries.frequencyOf(
                Tuple.of(2, flip()),
                Tuple.of(1, truncate()),
                Tuple.of(3, lineEdit(LineEdit.DELETE)),
                Tuple.of(3, lineEdit(LineEdit.DUPLICATE)),
                Tuple.of(2, lineEdit(LineEdit.SWAP)),
                Tuple.of(4, insertFragment()));
        return Combinators.combine(seeds, mutation.list().ofMinSize(1).ofMaxSize(3))
                .as((seed, mutations) -> {
                    byte[] bytes = seed;
                    for (Mutation m : mutations) {
                        bytes = m.apply(bytes);
                    }
                    return bytes;
                });
    }

    /** Position choices are fractions of the current length, so they fit whatever came before. */
    private static Arbitrary<Double> where() {
        return Arbitraries.doubles().between(0, 1);
    }

    private static int index(double fraction, int length) {
        return Math.min(length - 1, (int) (fraction * length));
    }

    private static Arbitrary<Mutation> flip() {
        return Combinators.combine(where(), Arbitraries.bytes()).as((at, value) -> input -> {
            if (input.length == 0) {
                return input;
            }
            byte[] out = input.clone();
            out[index(at, out.length)] = value;
            return out;
        });
    }

    private static Arbitrary<Mutation> truncate() {
        return where().map(at -> input -> java.util.Arrays.copyOf(input, (int) (at * input.length)));
    }

    enum LineEdit {
        DELETE,
        DUPLICATE,
        SWAP
    }

    private static Arbitrary<Mutation> lineEdit(LineEdit edit) {
        return Combinators.combine(where(), where()).as((first, second) -> input -> {
            List<String> lines =
                    new ArrayList<>(List.of(new String(input, StandardCharsets.ISO_8859_1).split("\n", -1)));
            int i = index(first, lines.size());
            int j = index(second, lines.size());
            switch (edit) {
                case DELETE -> lines.remove(i);
                case DUPLICATE -> lines.add(i, lines.get(i));
                case SWAP -> java.util.Collections.swap(lines, i, j);
            }
            return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        });
    }

    private static Arbitrary<Mutation> insertFragment() {
        return Combinators.combine(
                        where(),
                        Arbitraries.of(FRAGMENTS),
                        Arbitraries.integers().between(0, 12))
                .as((at, fragment, indent) -> input -> {
                    String text = new String(input, StandardCharsets.UTF_8);
                    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                    lines.add(index(at, lines.size()), " ".repeat(indent) + fragment);
                    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                });
    }

    @Provide
    Arbitrary<List<String>> options() {
        return Combinators.combine(
                        Arbitraries.of("text", "json", "sarif"),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as((format, verbose, inventory) -> {
                    List<String> options = new ArrayList<>(List.of("--format", format));
                    if (verbose) {
                        options.add("-v");
                    }
                    if (inventory) {
                        options.addAll(List.of("--inventory", INVENTORY));
                    }
                    return options;
                });
    }

    @Property(tries = 600)
    void validateExitsWithZeroOneOrTwoAndNeverAStackTrace(
            @ForAll("mutatedExamples") byte[] input, @ForAll("options") List<String> options) throws IOException {
        Path file = Files.createTempFile("fuzz-", ".yaml");
        try {
            Files.write(file, input);
            List<String> args = new ArrayList<>(List.of("validate", "-f", file.toString()));
            args.addAll(options);
            assertAnswersProperly(Cli.run(args.toArray(String[]::new)));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 200)
    void aMutatedInventoryIsReportedProperly(@ForAll("mutatedInventories") byte[] input) throws IOException {
        Path file = Files.createTempFile("fuzz-inventory-", ".yaml");
        try {
            Files.write(file, input);
            assertAnswersProperly(
                    Cli.run("validate", "-f", EXAMPLES.resolve("policies").toString(), "--inventory", file.toString()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void assertAnswersProperly(Cli run) {
        // The report lists how often each exit code came up, to show the mutations reach past parsing.
        Statistics.label("exit code").collect(run.exitCode());
        assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.OK, ExitCode.FINDINGS, ExitCode.INPUT);
        assertThat(run.showsAStackTrace()).as(run.err()).isFalse();
        if (run.exitCode() == ExitCode.INPUT) {
            assertThat(run.err()).startsWith("error: ");
            assertThat(run.err().lines()).as("one sentence: %s", run.err()).hasSize(1);
            assertThat(run.out()).isEmpty();
        } else {
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).isNotEmpty();
        }
    }
}
