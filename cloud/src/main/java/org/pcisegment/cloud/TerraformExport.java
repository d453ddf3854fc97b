package org.pcisegment.cloud;

import java.util.ArrayList;
import java.util.List;
import org.pcisegment.cloud.aws.AwsTerraform;
import org.pcisegment.cloud.azure.AzureTerraform;
import org.pcisegment.core.load.PolicySet;

/**
 * {@code cloud-export --format terraform}: the groups {@code cloud-sync} would create, one per
 * policy, with the same rules (names, and for Azure priorities as a first sync allocates them), as
 * Terraform resources for teams that deploy through GitOps. Attachments to instances are left out:
 * they follow the instances' live tags, which only {@code cloud-sync} reads.
 */
public final class TerraformExport {
    private TerraformExport() {}

    /** One group per policy, named as cloud-sync names it. */
    public record Group(String name, String policy, List<CloudRule> rules, java.util.Map<String, String> tags) {}

    public static String write(PolicySet policySet, CloudConfig config) {
        ProviderRules rules = CloudProviders.rules(config);
        List<Group> groups = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PolicyIntent intent : DesiredStateBuilder.build(policySet)) {
            String name = GroupNames.of(config.namePrefix(), List.of(intent.policy()));
            List<String> groupNotes = new ArrayList<>();
            groups.add(new Group(
                    name,
                    intent.policy(),
                    rules.rules(List.of(intent), List.of(), groupNotes),
                    Planner.tags(config.ownershipTag(), List.of(intent.policy()))));
            intent.notes().forEach(note -> notes.add(intent.policy() + ": " + note));
            groupNotes.forEach(note -> notes.add(name + ": " + note));
        }
        return switch (config.provider()) {
            case AWS -> AwsTerraform.write(policySet.sha256(), config, groups, notes);
            case AZURE -> AzureTerraform.write(policySet.sha256(), config, groups, notes);
        };
    }
}
