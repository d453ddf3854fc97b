package org.pcisegment.core.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcisegment.core.source.SourceSpan;

/**
 * A {@code pci-segment/v1} NetworkPolicy as written, with positions. Values the schema rules judge
 * (apiVersion, kind, CIDRs, ports, protocols) are kept raw so that validation can report each one;
 * only validated policies are compiled.
 */
public record Policy(
        Located<String> apiVersion,
        Located<String> kind,
        Metadata metadata,
        LabelSelector podSelector,
        Set<Direction> policyTypes,
        Optional<List<PolicyRule>> ingress,
        Optional<List<PolicyRule>> egress,
        SourceSpan span) {

    public static final String API_VERSION = "pci-segment/v1";
    public static final String KIND = "NetworkPolicy";
    public static final String PCI_DSS_ANNOTATION = "pci-dss";
    public static final String DESCRIPTION_ANNOTATION = "description";

    /** A requirement id; not a version such as the "v4.0" in "PCI DSS v4.0 Req 1.3.1". */
    private static final Pattern REQUIREMENT = Pattern.compile("(?<![vV\\d.])\\d+(?:\\.\\d+)*");

    public Policy {
        policyTypes = policyTypes.isEmpty() ? EnumSet.noneOf(Direction.class) : EnumSet.copyOf(policyTypes);
        ingress = ingress.map(List::copyOf);
        egress = egress.map(List::copyOf);
    }

    public String name() {
        return metadata.name();
    }

    /** The name, or where the policy is when it has none. */
    public String displayName() {
        return name().isEmpty() ? "(unnamed policy at " + span + ")" : name();
    }

    public Optional<List<PolicyRule>> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    /**
     * Whether this policy restricts {@code direction} for the workloads it selects: the direction is
     * listed in {@code policyTypes}, or its rule list is present (an empty list allows nothing).
     */
    public boolean restricts(Direction direction) {
        return policyTypes.contains(direction) || rules(direction).isPresent();
    }

    /** The rules of one direction; empty when the policy has none. */
    public List<PolicyRule> rulesOf(Direction direction) {
        return rules(direction).orElse(List.of());
    }

    public List<PolicyRule> allRules() {
        List<PolicyRule> all = new ArrayList<>(rulesOf(Direction.INGRESS));
        all.addAll(rulesOf(Direction.EGRESS));
        return all;
    }

    public Optional<String> description() {
        return metadata.annotation(DESCRIPTION_ANNOTATION).filter(d -> !d.isBlank());
    }

    /**
     * The requirement ids cited by the {@code pci-dss} annotation ("Req 1.2, Req 1.3" gives 1.2 and
     * 1.3; a version such as "v4.0" is not a citation), each with the annotation's position.
     */
    public List<Located<String>> pciRequirements() {
        Located<String> annotation = metadata.annotations().get(PCI_DSS_ANNOTATION);
        if (annotation == null) {
            return List.of();
        }
        List<Located<String>> ids = new ArrayList<>();
        Matcher matcher = REQUIREMENT.matcher(annotation.value());
        while (matcher.find()) {
            ids.add(new Located<>(matcher.group(), annotation.span()));
        }
        return ids;
    }

    /** The annotation's citations as written for display: "Req 1.2, Req 1.3". */
    public List<String> pciCitations() {
        return pciRequirements().stream().map(id -> "Req " + id.value()).toList();
    }
}
