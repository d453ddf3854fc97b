package org.pcisegment.cloud;

import org.pcisegment.cloud.aws.AwsProvider;
import org.pcisegment.cloud.aws.AwsRules;
import org.pcisegment.cloud.azure.AzureProvider;
import org.pcisegment.cloud.azure.AzureRules;

/** Opens the provider a cloud config names. SDK classes load only from here on. */
public final class CloudProviders {
    private CloudProviders() {}

    public static CloudProvider open(CloudConfig config) {
        return switch (config.provider()) {
            case AWS -> AwsProvider.open(config);
            case AZURE -> AzureProvider.open(config);
        };
    }

    /** The rule model alone, for plans and exports made without talking to the cloud. */
    public static ProviderRules rules(CloudConfig config) {
        return switch (config.provider()) {
            case AWS -> new AwsRules();
            case AZURE -> new AzureRules();
        };
    }
}
