package org.pcisegment.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pcisegment.core.source.InputException;

class CloudConfigLoaderTest {
    private static String located(String text) {
        try {
            CloudConfigLoader.parse("cloud.yaml", text);
        } catch (InputException e) {
            return e.located();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void readsAnAwsConfigWithDefaults() {
        CloudConfig config =
                CloudConfigLoader.parse("cloud.yaml", "provider: aws\nregion: eu-west-1\nvpc: vpc-0a1b2c3d\n");
        assertThat(config.provider()).isEqualTo(CloudConfig.Provider.AWS);
        assertThat(config.cdeTag()).isEqualTo(new CloudConfig.Tag("pci-env", "cde"));
        assertThat(config.ownershipTag()).isEqualTo(new CloudConfig.Tag("managed-by", "pci-segment"));
        assertThat(config.namePrefix()).isEqualTo("pci-segment-");
        assertThat(config.retry()).isEqualTo(CloudConfig.Retry.DEFAULT);
        assertThat(config.endpoint()).isEmpty();
    }

    @Test
    void mapsLabelKeysToTagKeys() {
        CloudConfig config = CloudConfigLoader.parse(
                "cloud.yaml", "provider: aws\nregion: eu-west-1\nvpc: vpc-0a1b2c3d\nlabelTags: {tier: app-tier}\n");
        assertThat(config.tagKeyFor("tier")).isEqualTo("app-tier");
        assertThat(config.tagKeyFor("zone")).isEqualTo("zone");
    }

    @Test
    void unknownKeyIsLocatedWithASuggestion() {
        assertThat(located("provider: aws\nregion: eu-west-1\nvpc: vpc-0a1b2c3d\nnamePrefx: x-\n"))
                .startsWith("cloud.yaml:4:1")
                .contains("unknown field 'namePrefx'", "did you mean 'namePrefix'");
    }

    @Test
    void keysOfTheOtherProviderAreUnknown() {
        assertThat(located("provider: azure\nregion: eu-west-1\n"))
                .startsWith("cloud.yaml:2:1")
                .contains("unknown field 'region'", "provider azure");
    }

    @Test
    void missingRequiredKeyNamesTheKeyAndLine() {
        assertThat(located("# aws without a vpc\nprovider: aws\nregion: eu-west-1\n"))
                .startsWith("cloud.yaml:2:1")
                .contains("missing required field 'vpc'");
        assertThat(located("kind: CloudConfig\nregion: eu-west-1\n")).contains("missing required field 'provider'");
    }

    @Test
    void malformedValuesAreLocated() {
        assertThat(located("provider: gcp\n")).startsWith("cloud.yaml:1:11").contains("'aws' or 'azure'");
        assertThat(located("provider: aws\nregion: eu-west-1\nvpc: vpc-nothex\n"))
                .startsWith("cloud.yaml:3:6")
                .contains("VPC id");
        assertThat(located("provider: aws\nregion: eu-west-1\nvpc: vpc-0a1b2c3d\nretry: {maxAttempts: 99}\n"))
                .startsWith("cloud.yaml:4:")
                .contains("retry.maxAttempts must be within 1-20");
        assertThat(located("provider: aws\nregion: eu-west-1\nvpc: vpc-0a1b2c3d\nendpoint: ftp://x\n"))
                .contains("endpoint must be an http(s) URL");
        assertThat(located("provider: aws\nregion: eu-west-1\nvpc: vpc-0a1b2c3d\ncdeTag: {key: aws:x, value: y}\n"))
                .contains("cdeTag.key");
        assertThat(located("provider: aws\nregion: eu-west-1\nvpc: vpc-0a1b2c3d\nnamePrefix: \"has space\"\n"))
                .contains("namePrefix must be");
    }

    @Test
    void azureNeedsSubscriptionGroupLocationAndVnet() {
        CloudConfig config = CloudConfigLoader.parse(
                "cloud.yaml",
                "provider: azure\nsubscription: 00000000-1111-2222-3333-444444444444\nresourceGroup: rg-1\n"
                        + "location: westeurope\nvnet: vnet-1\n");
        assertThat(config.scope()).contains("rg-1", "vnet-1");
        assertThatThrownBy(() -> CloudConfigLoader.parse("cloud.yaml", "provider: azure\nsubscription: not-a-uuid\n"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("subscription id");
    }
}
