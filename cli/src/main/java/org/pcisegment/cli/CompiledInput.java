package org.pcisegment.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import org.pcisegment.core.concurrent.Futures;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationResult;
import org.pcisegment.core.pci.Validator;
import org.pcisegment.core.pci.format.ValidationTextWriter;

/**
 * The step analyze, explain and diff share: validate the loaded policy set and compile it, or
 * refuse it. Only valid policy sets are compiled: analysing a set that validate rejects would
 * present access an enforcer must never install as if it were the policy, so these commands print
 * the validation errors and exit 1 instead.
 */
final class CompiledInput {
    private CompiledInput() {}

    /**
     * The compiled rule set, or empty after printing why the policy set was refused. The set is
     * compiled on a second thread while it is validated (both take seconds on large sets); the
     * compiled result is used only once validation has passed.
     */
    static Optional<RuleSet> compile(PolicySet policySet, String command, String which, PrintWriter err) {
        FutureTask<RuleSet> compiled = new FutureTask<>(() -> PolicyCompiler.compile(policySet));
        Thread.ofPlatform().daemon().name("compile").start(compiled);
        ValidationResult result = Validator.validate(policySet);
        if (!result.isValid()) {
            compiled.cancel(false);
            long errors = result.count(Severity.ERROR);
            err.println("error: " + which + "policy set has " + errors
                    + (errors == 1 ? " validation error" : " validation errors") + "; " + command
                    + " only analyses valid policy sets (run 'pci-segment validate' for details):");
            err.print(ValidationTextWriter.errors(result));
            err.flush();
            return Optional.empty();
        }
        return Optional.of(Futures.join(compiled, "compiling the policy set"));
    }
}
