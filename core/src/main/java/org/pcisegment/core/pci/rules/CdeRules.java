package org.pcisegment.core.pci.rules;

import java.util.ArrayList;
import java.util.List;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.pci.ValidationContext;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.policy.PolicyRule;

/** Shared questions about the rules of CDE policies. */
final class CdeRules {
    /** Address space that is not routed on the internet (private, shared, loopback, link-local). */
    static final PrefixSet NON_PUBLIC = PrefixSet.of(
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "fc00::/7",
            "fe80::/10",
            "::1/128");

    private CdeRules() {}

    /** A rule of a CDE policy in one direction. */
    record CdeRule(Policy policy, PolicyRule rule) {}

    static List<CdeRule> rules(ValidationContext context, Direction direction) {
        List<CdeRule> rules = new ArrayList<>();
        for (Policy policy : context.policies()) {
            if (context.isCdePolicy(policy)) {
                for (PolicyRule rule : policy.rulesOf(direction)) {
                    rules.add(new CdeRule(policy, rule));
                }
            }
        }
        return rules;
    }

    /** The wildcard a set covers entirely ("0.0.0.0/0", "::/0"), if any. */
    static List<String> coveredWildcards(PrefixSet addresses) {
        List<String> wildcards = new ArrayList<>();
        if (addresses.containsAll(PrefixSet.all(IpFamily.V4))) {
            wildcards.add("0.0.0.0/0");
        }
        if (addresses.containsAll(PrefixSet.all(IpFamily.V6))) {
            wildcards.add("::/0");
        }
        return wildcards;
    }
}
