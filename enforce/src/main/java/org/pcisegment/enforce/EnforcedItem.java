package org.pcisegment.enforce;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;

/**
 * One thing an enforcer installs, in a backend-independent form. {@link DesiredState#items()} lists
 * what should be installed, a backend's {@link Enforcer#installed()} lists what it reads back; both
 * use these records, so "what would change" is a set difference and equality means "installed as
 * desired". {@link #text()} is the line shown to people.
 */
public sealed interface EnforcedItem extends Comparable<EnforcedItem> {
    Direction direction();

    /** "ingress tcp 10.0.1.0/24 port 5432 [cde-database-access ingress[0]]". */
    String text();

    /** The policy this item serves; empty for built-in items (default deny, management, baseline). */
    default Optional<String> policyName() {
        return this instanceof Allow allow ? Optional.of(allow.policy()) : Optional.empty();
    }

    @Override
    default int compareTo(EnforcedItem other) {
        return ORDER.compare(this, other);
    }

    /**
     * Direction, then baseline, management, allows, default deny; within a kind by protocol,
     * address and port. Structural, so that sorting many entries builds no text.
     */
    Comparator<EnforcedItem> ORDER = ItemOrder.ORDER;

    /**
     * Traffic of {@code protocol} whose peer is in {@code peers} on a port in {@code ports} is
     * allowed, by the rule {@code rule} ("ingress[0]") of policy {@code policy}: the rule {@code
     * RuleSet.decide} cites for it.
     */
    record Allow(Direction direction, Protocol protocol, IpRange peers, PortRange ports, String policy, String rule)
            implements EnforcedItem {
        public Allow {
            if (policy.isBlank() || policy.contains(" ") || rule.isBlank() || rule.contains(" ")) {
                throw new IllegalArgumentException(
                        "policy and rule names are single words: '" + policy + " " + rule + "'");
            }
        }

        /** "cde-database-access ingress[0]": the policy rule, as backends store it beside the entry. */
        public String origin() {
            return policy + " " + rule;
        }

        @Override
        public String text() {
            return direction.sectionField() + " " + protocol.lowerName() + " "
                    + (direction == Direction.INGRESS ? "from " : "to ") + format(peers) + " port " + ports + " ["
                    + origin() + "]";
        }
    }

    /** Lock-out protection: inbound {@code protocol} from {@code sources} to a local port in {@code ports}. */
    record Management(Protocol protocol, IpRange sources, PortRange ports) implements EnforcedItem {
        @Override
        public Direction direction() {
            return Direction.INGRESS;
        }

        @Override
        public String text() {
            return "ingress " + protocol.lowerName() + " from " + format(sources) + " port " + ports + " [management]";
        }
    }

    /** Traffic that every restricted direction lets through whatever the policies say. */
    record Baseline(Direction direction, BaselineAllowance allowance) implements EnforcedItem {
        @Override
        public String text() {
            return direction.sectionField() + " " + allowance.description() + " [baseline]";
        }
    }

    /**
     * The direction is restricted: what no item above allows is dropped (and logged). Which policies
     * restrict it is shown by backends as a comment, not compared: the allows are what matter.
     */
    record DefaultDeny(Direction direction) implements EnforcedItem {
        @Override
        public String text() {
            return direction.sectionField() + " default deny";
        }
    }

    /**
     * "10.0.1.20" for one address, "10.0.1.0/24" when the range is one CIDR block,
     * "10.0.1.5-10.0.1.9" otherwise.
     */
    static String format(IpRange range) {
        if (range.first().equals(range.last())) {
            return range.first().toString();
        }
        List<Cidr> cidrs = range.toCidrs();
        return cidrs.size() == 1 ? cidrs.getFirst().toString() : range.toString();
    }
}
