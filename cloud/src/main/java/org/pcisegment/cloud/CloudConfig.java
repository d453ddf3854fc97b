package org.pcisegment.cloud;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.source.SourceSpan;

/**
 * Where and how policies become cloud resources: the provider and its scope (AWS region and VPC, or
 * Azure subscription, resource group, location and VNet), the tag that marks CDE instances, how
 * policy label keys map to instance tag keys, the naming prefix of the groups we create, the tag
 * that marks them as ours, the retry policy, and an endpoint override for emulators and tests.
 *
 * @param labelTags policy label key to cloud tag key; a key not listed maps to itself
 */
public record CloudConfig(
        Provider provider,
        Optional<String> region,
        Optional<String> vpc,
        Optional<String> subscription,
        Optional<String> resourceGroup,
        Optional<String> location,
        Optional<String> vnet,
        Tag cdeTag,
        Map<String, String> labelTags,
        String namePrefix,
        Tag ownershipTag,
        Retry retry,
        Optional<URI> endpoint,
        SourceSpan span) {

    /** The clouds we write to. */
    public enum Provider {
        AWS("aws", "AWS"),
        AZURE("azure", "Azure");

        private final String id;
        private final String displayName;

        Provider(String id, String displayName) {
            this.id = id;
            this.displayName = displayName;
        }

        /** The config file's word: "aws", "azure". */
        public String id() {
            return id;
        }

        /** The provider's own name: "AWS", "Azure". */
        public String displayName() {
            return displayName;
        }
    }

    /** A tag key and the value it must have. */
    public record Tag(String key, String value) {
        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    /** How throttled and transient failures are retried: attempts in all, and the backoff bounds. */
    public record Retry(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        public static final Retry DEFAULT = new Retry(8, Duration.ofMillis(200), Duration.ofSeconds(20));
    }

    public CloudConfig {
        labelTags = Map.copyOf(labelTags);
    }

    /** The instance tag that carries a policy label key. */
    public String tagKeyFor(String labelKey) {
        return labelTags.getOrDefault(labelKey, labelKey);
    }

    /** One line naming the scope: "aws eu-west-1 vpc-0abc" or "azure sub/rg-payments vnet-payments". */
    public String scope() {
        return switch (provider) {
            case AWS -> "aws " + region.orElse("?") + ", vpc " + vpc.orElse("?");
            case AZURE ->
                "azure subscription " + subscription.orElse("?") + ", resource group " + resourceGroup.orElse("?")
                        + ", vnet " + vnet.orElse("?");
        };
    }

    /** Where changes happen, for the audit trail: the AWS region or the Azure location. */
    public Optional<String> auditRegion() {
        return provider == Provider.AWS ? region : location;
    }

    /** The account changes happen in, for the audit trail: the Azure subscription (AWS: not known without STS). */
    public Optional<String> auditAccount() {
        return provider == Provider.AZURE ? subscription : Optional.empty();
    }
}
