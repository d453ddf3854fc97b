package org.pcisegment.cloud;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.policy.Direction;

/**
 * Compares the cloud with the policies and judges what is attached to CDE instances. Drift is what
 * a sync would change (PCI-DSS 1.2.8: running configuration consistent with the configuration
 * files); on every CDE instance, every rule of every attached group (ours or not) is checked for
 * openness to the whole internet (1.3.1 inbound, 1.3.2 outbound), and groups we do not manage are
 * reported (1.2.1: rulesets follow the configuration standard).
 */
public final class CloudValidator {
    static final String DRIFT = "1.2.8";
    static final String STANDARD = "1.2.1";
    static final String INBOUND = "1.3.1";
    static final String OUTBOUND = "1.3.2";

    private CloudValidator() {}

    public static CloudReport validate(
            CloudConfig config,
            String policySetHash,
            List<PolicyIntent> intents,
            CloudState state,
            ProviderRules provider) {
        Plan plan = Planner.plan(config, policySetHash, intents, state, provider);
        Set<CloudFinding> findings = new LinkedHashSet<>(drift(plan, state, provider));
        findings.addAll(cdeChecks(config, state, provider));
        List<CloudFinding> sorted = new ArrayList<>(findings);
        sorted.sort(CloudFinding.ORDER);
        return new CloudReport(
                provider.kind().id(),
                config.scope(),
                policySetHash,
                state.groups().size(),
                state.instances().size(),
                sorted);
    }

    private static List<CloudFinding> drift(Plan plan, CloudState state, ProviderRules provider) {
        List<CloudFinding> findings = new ArrayList<>();
        String noun = provider.groupNoun();
        String resync = "run cloud-sync to restore the policies' rules (changes made outside pci-segment are undone)";
        List<Change.AddRule> missing = new ArrayList<>();
        List<Change.RemoveRule> extra = new ArrayList<>();
        for (Change change : plan.changes()) {
            boolean exists = state.groupByName(change.resource()).isPresent();
            switch (change) {
                case Change.CreateGroup create ->
                    findings.add(new CloudFinding(
                            "MISSING-GROUP",
                            DRIFT,
                            Severity.ERROR,
                            create.group(),
                            noun + " " + create.group() + " for "
                                    + plan.groupLabels().get(create.group()) + " does not exist",
                            "run cloud-sync to create it"));
                case Change.AddRule add -> {
                    if (exists) {
                        missing.add(add);
                    }
                }
                case Change.RemoveRule remove -> {
                    if (exists) {
                        extra.add(remove);
                    }
                }
                case Change.ReplaceRule replace ->
                    findings.add(new CloudFinding(
                            "CHANGED-RULE",
                            DRIFT,
                            Severity.ERROR,
                            replace.group(),
                            "rule " + replace.before().name() + " is "
                                    + replace.before().display() + " but the policies want "
                                    + replace.after().display(),
                            resync));
                case Change.SetInstanceGroups set ->
                    findings.add(new CloudFinding(
                            "ATTACHMENT-DRIFT",
                            DRIFT,
                            Severity.ERROR,
                            set.instanceId(),
                            set.instanceDisplay() + " carries [" + brief(set.before()) + "] but the policies want ["
                                    + brief(set.after()) + "]",
                            "run cloud-sync to attach the policies' groups"));
                case Change.DeleteGroup delete ->
                    findings.add(new CloudFinding(
                            "STALE-GROUP",
                            DRIFT,
                            Severity.WARNING,
                            delete.group(),
                            noun + " " + delete.group() + " (" + delete.id()
                                    + ") was created by pci-segment for a policy that is no longer in the policy set",
                            "run cloud-sync to detach and delete it"));
            }
        }
        // A missing and an extra rule of the same group, direction and protocol that share ports or
        // peer are one rule whose peer or ports were changed by hand: report them as one.
        for (Iterator<Change.AddRule> wanted = missing.iterator(); wanted.hasNext(); ) {
            Change.AddRule add = wanted.next();
            CloudRule want = add.rule();
            Optional<Change.RemoveRule> pair = extra.stream()
                    .filter(r -> r.group().equals(add.group()))
                    .filter(r -> r.rule().direction() == want.direction()
                            && r.rule().access() == want.access()
                            && r.rule().protocol().equals(want.protocol()))
                    .filter(r -> r.rule().peer().equals(want.peer())
                            || r.rule().portText().equals(want.portText()))
                    .findFirst();
            if (pair.isPresent()) {
                extra.remove(pair.get());
                wanted.remove();
                findings.add(new CloudFinding(
                        "CHANGED-RULE",
                        DRIFT,
                        Severity.ERROR,
                        add.group(),
                        "has " + pair.get().rule().display() + " where " + want.description() + " wants "
                                + want.display(),
                        resync));
            }
        }
        for (Change.AddRule add : missing) {
            findings.add(new CloudFinding(
                    "MISSING-RULE",
                    DRIFT,
                    Severity.ERROR,
                    add.group(),
                    "lacks " + add.rule().display() + " (" + add.rule().description() + ")",
                    resync));
        }
        for (Change.RemoveRule remove : extra) {
            findings.add(new CloudFinding(
                    "EXTRA-RULE",
                    DRIFT,
                    Severity.ERROR,
                    remove.group(),
                    "has " + remove.rule().display() + ", which no policy allows",
                    resync));
        }
        for (String conflict : plan.conflicts()) {
            findings.add(new CloudFinding(
                    "SYNC-BLOCKED", DRIFT, Severity.ERROR, provider.kind().id(), conflict, "resolve it by hand"));
        }
        return findings;
    }

    private static String brief(List<String> references) {
        return String.join(", ", references.stream().map(CloudState::brief).toList());
    }

    private static List<CloudFinding> cdeChecks(CloudConfig config, CloudState state, ProviderRules provider) {
        List<CloudFinding> findings = new ArrayList<>();
        String noun = provider.groupNoun();
        for (CloudState.Instance instance : state.instances()) {
            if (!InstanceLabels.isCde(instance, config)) {
                continue;
            }
            String who = "CDE instance " + instance.display();
            boolean managed = false;
            for (String id : instance.groupIds()) {
                Optional<CloudState.Group> group = state.groupById(id);
                if (group.isPresent() && group.get().ownedBy(config.ownershipTag())) {
                    managed = true;
                } else {
                    findings.add(new CloudFinding(
                            "UNMANAGED-GROUP",
                            STANDARD,
                            Severity.ERROR,
                            instance.id(),
                            who + " carries " + noun + " "
                                    + group.map(CloudState.Group::display).orElse(CloudState.brief(id))
                                    + ", which pci-segment does not manage: its rules bypass the policies",
                            "detach it (cloud-sync does so for CDE instances) or express its rules as policies"));
                }
                group.ifPresent(g -> openness(who, instance, g, noun, findings));
            }
            if (!managed) {
                findings.add(new CloudFinding(
                        "CDE-UNPROTECTED",
                        INBOUND,
                        Severity.ERROR,
                        instance.id(),
                        who + " carries no " + noun + " managed by pci-segment"
                                + (instance.groupIds().isEmpty() ? " (none at all)" : ""),
                        "write a policy whose podSelector matches its tags (" + config.cdeTag()
                                + ") and run cloud-sync"));
            }
            if (instance.groupIds().isEmpty() && provider.kind() == CloudConfig.Provider.AZURE) {
                findings.add(new CloudFinding(
                        "CDE-EGRESS-UNRESTRICTED",
                        OUTBOUND,
                        Severity.ERROR,
                        instance.id(),
                        who + " has no NSG: Azure allows all outbound traffic to the internet",
                        "run cloud-sync with a policy that selects it"));
            }
        }
        return findings;
    }

    /** Allows open to the whole internet that no lower-numbered deny-all shadows. */
    private static void openness(
            String who, CloudState.Instance instance, CloudState.Group group, String noun, List<CloudFinding> out) {
        List<CloudRule> rules = new ArrayList<>(group.rules());
        rules.addAll(group.defaultRules());
        for (CloudRule rule : rules) {
            if (!rule.isAllow() || !rule.opensToWorld() || shadowed(rule, rules)) {
                continue;
            }
            boolean inbound = rule.direction() == Direction.INGRESS;
            out.add(new CloudFinding(
                    inbound ? "CDE-OPEN-TO-WORLD" : "CDE-EGRESS-UNRESTRICTED",
                    inbound ? INBOUND : OUTBOUND,
                    Severity.ERROR,
                    instance.id(),
                    who + ": " + noun + " " + group.display() + " has " + rule.display(),
                    inbound
                            ? "allow only the sources the CDE needs; never 0.0.0.0/0 or ::/0"
                            : "allow only the destinations the CDE needs; remove allow-all egress"));
        }
    }

    private static boolean shadowed(CloudRule allow, List<CloudRule> rules) {
        return rules.stream()
                .anyMatch(d -> !d.isAllow()
                        && d.direction() == allow.direction()
                        && d.protocol().equals("all")
                        && d.opensToWorld()
                        && d.priority() < allow.priority());
    }
}
