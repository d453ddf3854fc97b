package org.pcisegment.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.pcisegment.core.load.PolicySetLoader;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.pci.Validator;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.YamlLoader;
import org.pcisegment.core.testing.ExpectMarkers.Expectation;

/**
 * Validates one YAML file (policies and, optionally, an embedded inventory) and compares the
 * findings with its {@code # expect:} markers. Used by the rule fixtures and the shipped
 * examples/findings, so both are checked the same way.
 */
public final class FindingChecks {
    private FindingChecks() {}

    /** Loads and validates a file on its own, as {@code pci-segment validate -f FILE} would. */
    public static ValidationResult validate(Path file) {
        SourceFile source = YamlLoader.load(file);
        return Validator.validate(PolicySetLoader.fromSources(List.of(source), List.of()));
    }

    public static List<Expectation> expectations(Path file) {
        try {
            return ExpectMarkers.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Problems found when comparing the findings that satisfy {@code inScope} with the markers of
     * the same scope: every marker needs a finding of its rule on its line (containing its
     * fragment), and every finding in scope needs a marker. Empty when they agree.
     */
    public static List<String> mismatches(Path file, Predicate<String> ruleInScope) {
        ValidationResult result = validate(file);
        List<Finding> findings = new ArrayList<>(result.findings().stream()
                .filter(f -> ruleInScope.test(f.ruleId()))
                .sorted(Comparator.comparing(Finding::span))
                .toList());
        List<Expectation> unmatched = new ArrayList<>();
        for (Expectation expectation : expectations(file)) {
            if (!ruleInScope.test(expectation.ruleId())) {
                continue;
            }
            Finding match = findings.stream()
                    .filter(f -> f.ruleId().equals(expectation.ruleId())
                            && f.span().line() == expectation.line()
                            && f.span().file().equals(file.toString())
                            && expectation
                                    .messageFragment()
                                    .map(f.message()::contains)
                                    .orElse(true))
                    .findFirst()
                    .orElse(null);
            if (match == null) {
                unmatched.add(expectation);
            } else {
                findings.remove(match);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Expectation missing : unmatched) {
            problems.add("line " + missing.line() + ": expected a finding of " + missing.ruleId()
                    + missing.messageFragment()
                            .map(m -> " containing \"" + m + "\"")
                            .orElse("")
                    + ", none reported there");
        }
        for (Finding extra : findings) {
            problems.add("line " + extra.span().line() + ": unexpected " + extra.ruleId() + " finding at "
                    + extra.span() + ": " + extra.message());
        }
        return problems;
    }
}
