package org.pcisegment.core.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The decision on a flow: ALLOW when both ends allow it, with each end's reasons. */
public record Verdict(Flow flow, Action action, SideDecision source, SideDecision destination) {

    static Verdict of(Flow flow, SideDecision source, SideDecision destination) {
        Action action = source.allows() && destination.allows() ? Action.ALLOW : Action.DENY;
        return new Verdict(flow, action, source, destination);
    }

    public boolean allowed() {
        return action == Action.ALLOW;
    }

    /** Why a denied flow was denied; empty when it is allowed. */
    public Optional<DenyReason> reason() {
        if (allowed()) {
            return Optional.empty();
        }
        if (!source.allows() && !destination.allows()) {
            return Optional.of(DenyReason.NO_POLICY_ALLOWS);
        }
        return Optional.of(
                source.allows() ? DenyReason.DEFAULT_DENY_ON_DESTINATION : DenyReason.EGRESS_NOT_ALLOWED_AT_SOURCE);
    }

    /** The rules that admitted the flow on either side, source first. */
    public List<Rule> matchedRules() {
        List<Rule> rules = new ArrayList<>();
        if (source instanceof SideDecision.Allowed allowed) {
            rules.addAll(allowed.rules());
        }
        if (destination instanceof SideDecision.Allowed allowed) {
            rules.addAll(allowed.rules());
        }
        return rules;
    }
}
