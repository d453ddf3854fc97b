package org.pcisegment.enforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.ir.AllowEntry;
import org.pcisegment.core.ir.DirectionRules;
import org.pcisegment.core.ir.HostRules;
import org.pcisegment.core.ir.PolicyOrigin;
import org.pcisegment.core.ir.Rule;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.core.policy.Direction;
import org.pcisegment.core.policy.Policy;

/**
 * What one host should enforce, whatever the backend: for each restricted direction the built-in
 * allowances ({@link BaselineAllowance}), the management exception (inbound only), the allows the
 * IR compiled from the policies (disjoint entries, each citing the rule {@link RuleSet#decide}
 * cites), and a default deny; plus the metadata stored with it. Built from the IR only, so every
 * backend enforces exactly what {@code decide} decides. Immutable.
 */
public final class DesiredState {
    private final HostRules host;
    private final ManagementAccess management;
    private final EnforcementMetadata metadata;
    private final Map<String, List<String>> citations;
    private final List<EnforcedItem> items;

    /**
     * @param citations per policy name, the PCI DSS requirements its {@code pci-dss} annotation
     *     cites ("Req 1.3.1"), shown beside the policy's rules by backends that write text
     */
    public DesiredState(
            HostRules host,
            ManagementAccess management,
            EnforcementMetadata metadata,
            Map<String, List<String>> citations) {
        this.host = host;
        this.management = management;
        this.metadata = metadata;
        this.citations = Map.copyOf(citations);
        this.items = buildItems();
    }

    /** The desired state of {@code workload} under {@code ruleSet}, stamped {@code appliedAt}. */
    public static DesiredState of(
            RuleSet ruleSet, Workload workload, ManagementAccess management, Instant appliedAt, String toolVersion) {
        Map<String, List<String>> citations = new LinkedHashMap<>();
        for (Policy policy : ruleSet.policySet().policies()) {
            citations.putIfAbsent(policy.name(), policy.pciCitations());
        }
        return new DesiredState(
                ruleSet.host(workload),
                management,
                new EnforcementMetadata(ruleSet.sha256(), appliedAt, toolVersion),
                citations);
    }

    public HostRules host() {
        return host;
    }

    public Workload workload() {
        return host.workload();
    }

    /** The exception as given; {@link #effectiveManagement()} is what is installed. */
    public ManagementAccess management() {
        return management;
    }

    public EnforcementMetadata metadata() {
        return metadata;
    }

    /** The PCI DSS requirements a policy cites ("Req 1.3.1"); empty when it cites none. */
    public List<String> citations(String policy) {
        return citations.getOrDefault(policy, List.of());
    }

    /** Whether some policy restricts this direction of the host: then only what is allowed passes. */
    public boolean restricted(Direction direction) {
        return host.direction(direction).restricted();
    }

    /** Whether any direction is restricted; when none is, there is nothing to enforce. */
    public boolean restrictsAnything() {
        return restricted(Direction.INGRESS) || restricted(Direction.EGRESS);
    }

    /** The allowances every restricted direction gets, in the order backends install them. */
    public List<BaselineAllowance> baseline() {
        return List.of(BaselineAllowance.values());
    }

    /** The management exception when ingress is restricted; none when ingress is open anyway. */
    public ManagementAccess effectiveManagement() {
        return restricted(Direction.INGRESS) ? management : ManagementAccess.none();
    }

    /** The policies that restrict one direction, by name, in policy order. */
    public List<String> restrictedBy(Direction direction) {
        return host.direction(direction).restrictedBy().stream()
                .map(PolicyOrigin::policy)
                .distinct()
                .toList();
    }

    /** Names of the policies that restrict or allow traffic of this host, in policy order. */
    public List<String> policies() {
        Set<String> names = new LinkedHashSet<>();
        for (Direction direction : Direction.values()) {
            DirectionRules side = host.direction(direction);
            side.restrictedBy().forEach(origin -> names.add(origin.policy()));
            side.allows().forEach(rule -> names.add(rule.origin().policy()));
        }
        return List.copyOf(names);
    }

    /** Everything that should be installed, in canonical form and {@link EnforcedItem#ORDER}. */
    public List<EnforcedItem> items() {
        return items;
    }

    /** The allow items of one direction (all protocols and families), in order. */
    public List<EnforcedItem.Allow> allows(Direction direction) {
        List<EnforcedItem.Allow> allows = new ArrayList<>();
        for (EnforcedItem item : items) {
            if (item instanceof EnforcedItem.Allow allow && allow.direction() == direction) {
                allows.add(allow);
            }
        }
        return allows;
    }

    /** The canonical item of one compiled entry. */
    public static EnforcedItem.Allow allow(Direction direction, Protocol protocol, AllowEntry entry) {
        Rule rule = entry.rule();
        return new EnforcedItem.Allow(
                direction,
                protocol,
                entry.peers(),
                entry.ports(),
                rule.origin().policy(),
                rule.origin().rule());
    }

    private List<EnforcedItem> buildItems() {
        List<EnforcedItem> built = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            DirectionRules side = host.direction(direction);
            if (!side.restricted()) {
                continue;
            }
            for (BaselineAllowance allowance : baseline()) {
                built.add(new EnforcedItem.Baseline(direction, allowance));
            }
            if (direction == Direction.INGRESS) {
                built.addAll(management.items());
            }
            for (Protocol protocol : Protocol.values()) {
                for (AllowEntry entry : side.entries(protocol)) {
                    built.add(allow(direction, protocol, entry));
                }
            }
            built.add(new EnforcedItem.DefaultDeny(direction));
        }
        built.sort(EnforcedItem.ORDER);
        return List.copyOf(built);
    }

    /**
     * Why {@code installed} is not this state (metadata, then up to three missing and three
     * unexpected items), or empty when it is: the read-back check every backend makes after a
     * change.
     */
    public Optional<String> differencesFrom(InstalledState installed) {
        if (!(installed instanceof InstalledState.Present present)) {
            return Optional.of("nothing of ours is installed");
        }
        if (!present.metadata().equals(Optional.of(metadata))) {
            return Optional.of("metadata "
                    + present.metadata().map(EnforcementMetadata::toString).orElse("unreadable") + " instead of "
                    + metadata);
        }
        TreeSet<EnforcedItem> want = new TreeSet<>(items);
        TreeSet<EnforcedItem> have = new TreeSet<>(present.items());
        if (want.equals(have) && present.items().size() == items.size()) {
            return Optional.empty();
        }
        List<String> differences = new ArrayList<>();
        want.stream().filter(i -> !have.contains(i)).limit(3).forEach(i -> differences.add("missing " + i.text()));
        have.stream().filter(i -> !want.contains(i)).limit(3).forEach(i -> differences.add("unexpected " + i.text()));
        return Optional.of(String.join("; ", differences));
    }

    @Override
    public String toString() {
        return "DesiredState[" + workload().name() + ", " + items.size() + " items, " + metadata.shortHash() + "]";
    }
}
