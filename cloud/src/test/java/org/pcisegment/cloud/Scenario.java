package org.pcisegment.cloud;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.pcisegment.audit.AuditSink;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.load.PolicySetLoader;

/** The policy set and cloud configs the provider scenarios share. */
public final class Scenario {
    public static final String VPC = "vpc-0a1b2c3d4e5f60718";
    public static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";

    private Scenario() {}

    /** A plan and what applying it did. */
    public record Run(Plan plan, ApplyReport report) {}

    /** Reads the cloud, plans (asserting the plan is not blocked) and applies. */
    public static Run sync(CloudProvider provider, CloudConfig config, PolicySet policies, AuditSink audit) {
        CloudState state = provider.read();
        Plan plan = CloudSync.plan(policies, config, provider, state);
        if (!plan.conflicts().isEmpty()) {
            throw new AssertionError("blocked plan: " + plan.conflicts());
        }
        return new Run(plan, CloudSync.apply(plan, state, policies, config, provider, audit));
    }

    public static CloudReport validate(CloudProvider provider, CloudConfig config, PolicySet policies) {
        return CloudValidator.validate(
                config, policies.shortHash(), DesiredStateBuilder.build(policies), provider.read(), provider.rules());
    }

    public static Path resource(String name) {
        try {
            URI uri = Scenario.class.getResource(name).toURI();
            return Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The three example CDE policies with the example inventory (IPv4 and IPv6 addresses). */
    public static PolicySet policies() {
        return PolicySetLoader.load(
                List.of(resource("policies").toString()),
                List.of(resource("inventory.yaml").toString()));
    }

    public static CloudConfig awsConfig(URI endpoint) {
        return CloudConfigLoader.parse("aws-config.yaml", """
                apiVersion: pci-segment/v1
                kind: CloudConfig
                provider: aws
                region: eu-west-1
                vpc: %s
                cdeTag: {key: pci-env, value: cde}
                ownershipTag: {key: managed-by, value: pci-segment}
                namePrefix: pci-segment-
                retry: {maxAttempts: 4, baseDelayMillis: 5, maxDelayMillis: 20}
                endpoint: %s
                """.formatted(VPC, endpoint));
    }

    public static CloudConfig azureConfig(URI endpoint) {
        return CloudConfigLoader.parse("azure-config.yaml", """
                apiVersion: pci-segment/v1
                kind: CloudConfig
                provider: azure
                subscription: %s
                resourceGroup: rg-payments
                location: westeurope
                vnet: vnet-payments
                ownershipTag: {key: managed-by, value: pci-segment}
                retry: {maxAttempts: 4, baseDelayMillis: 5, maxDelayMillis: 20}
                endpoint: %s
                """.formatted(SUBSCRIPTION, endpoint));
    }
}
