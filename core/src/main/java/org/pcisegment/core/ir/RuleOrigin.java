package org.pcisegment.core.ir;

import org.pcisegment.core.source.SourceSpan;

/**
 * Where a compiled rule comes from: the policy, the rule within it ("ingress[0]") and the position
 * of that rule in its file, so every answer can cite the text that produced it.
 */
public record RuleOrigin(String policy, String rule, SourceSpan span) {

    /** "cde-payment-api ingress[0] (examples/policies/cde-app.yaml:18:7)". */
    @Override
    public String toString() {
        return policy + " " + rule + " (" + span + ")";
    }
}
