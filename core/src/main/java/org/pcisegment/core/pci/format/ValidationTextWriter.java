package org.pcisegment.core.pci.format;

import java.util.List;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.source.OneLine;

/**
 * {@code validate} text output, in the shape of the original tool: a block per policy, then a
 * block for findings about the inventory as a whole, then the verdict line.
 */
public final class ValidationTextWriter {
    private ValidationTextWriter() {}

    public static String write(ValidationResult result, boolean verbose) {
        StringBuilder out = new StringBuilder();
        for (Policy policy : result.policySet().policies()) {
            out.append("[POLICY] ").append(OneLine.escape(policy.displayName())).append('\n');
            out.append("   API Version: ")
                    .append(orMissing(policy.apiVersion().value()))
                    .append('\n');
            out.append("   Kind: ").append(orMissing(policy.kind().value())).append('\n');
            if (!policy.pciCitations().isEmpty()) {
                out.append("   PCI-DSS: [")
                        .append(String.join(", ", policy.pciCitations()))
                        .append("]\n");
            }
            List<Finding> findings = result.findingsFor(policy);
            out.append("   Status: ")
                    .append(result.isValid(policy) ? "[OK] VALID" : "[!] INVALID")
                    .append('\n');
            appendFindings(out, findings, verbose);
            out.append('\n');
        }
        List<Finding> setFindings = result.setFindings();
        if (!setFindings.isEmpty()) {
            out.append("[INVENTORY] ")
                    .append(result.policySet().inventory().workloads().size())
                    .append(" workloads\n");
            out.append("   Status: ")
                    .append(setFindings.stream().anyMatch(Finding::isError) ? "[!] INVALID" : "[OK] VALID")
                    .append('\n');
            appendFindings(out, setFindings, verbose);
            out.append('\n');
        }
        // The counts only when there is something to count: a clean run prints exactly the
        // original tool's output.
        if (!result.findings().isEmpty()) {
            out.append("Checked ").append(plural(result.policySet().policies().size(), "policy", "policies"));
            if (!result.policySet().inventory().isEmpty()) {
                out.append(" against ")
                        .append(plural(
                                result.policySet().inventory().workloads().size(), "workload", "workloads"));
            }
            out.append(": ")
                    .append(plural(result.count(Severity.ERROR), "error", "errors"))
                    .append(", ")
                    .append(plural(result.count(Severity.WARNING), "warning", "warnings"))
                    .append("\n\n");
        }
        out.append(
                result.isValid()
                        ? "[OK] All policies are valid and PCI-DSS compliant\n"
                        : "[!] Validation failed: one or more policies are invalid\n");
        return out.toString();
    }

    /**
     * Only the error findings, one located line each: what commands that need a valid policy set
     * (analyze, explain, diff) print when they refuse one.
     */
    public static String errors(ValidationResult result) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : result.findings()) {
            if (finding.isError()) {
                out.append("  ")
                        .append(finding.span())
                        .append(": ")
                        .append(finding.message())
                        .append(" [")
                        .append(finding.ruleId())
                        .append(", Req ")
                        .append(finding.requirement())
                        .append("]\n");
            }
        }
        return out.toString();
    }

    private static void appendFindings(StringBuilder out, List<Finding> findings, boolean verbose) {
        List<Finding> errors = findings.stream().filter(Finding::isError).toList();
        List<Finding> others = findings.stream().filter(f -> !f.isError()).toList();
        if (!errors.isEmpty()) {
            out.append("   Errors:\n");
            errors.forEach(f -> appendFinding(out, f, verbose));
        }
        if (!others.isEmpty()) {
            if (verbose) {
                out.append("   Warnings:\n");
                others.forEach(f -> appendFinding(out, f, true));
            } else {
                out.append("   Warnings: ")
                        .append(others.size())
                        .append(" (run with -v for details and remediation)\n");
            }
        }
    }

    /** One finding as the text reports list it: message, position, rule and requirement, and the fix. */
    public static void appendFinding(StringBuilder out, Finding finding, boolean verbose) {
        out.append("     * ")
                .append(finding.message())
                .append("\n       at ")
                .append(finding.span())
                .append(" [")
                .append(finding.ruleId())
                .append(", Req ")
                .append(finding.requirement())
                .append("]\n");
        if (verbose) {
            out.append("       fix: ").append(finding.remediation()).append('\n');
        }
    }

    private static String orMissing(String value) {
        return value.isEmpty() ? "(missing)" : OneLine.escape(value);
    }

    static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
