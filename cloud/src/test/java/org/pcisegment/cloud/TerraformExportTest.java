package org.pcisegment.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class TerraformExportTest {
    private static final URI UNUSED = URI.create("http://127.0.0.1:1");

    @Test
    void awsExportMatchesGoldenFile() {
        String hcl = TerraformExport.write(Scenario.policies(), Scenario.awsConfig(UNUSED));
        Golden.check("aws.tf", hcl);
        assertThat(hcl).contains("egress = []", "ipv6_cidr_blocks = [\"fd00:1::20/128\"]");
    }

    @Test
    void azureExportMatchesGoldenFile() {
        String hcl = TerraformExport.write(Scenario.policies(), Scenario.azureConfig(UNUSED));
        Golden.check("azure.tf", hcl);
        assertThat(hcl).contains("priority                   = 4096", "access                     = \"Deny\"");
    }

    @Test
    void hclStringsCannotInterpolate() {
        assertThat(Hcl.quote("a\"b ${x} %{y} \\")).isEqualTo("\"a\\\"b $${x} %%{y} \\\\\"");
        assertThat(Hcl.label("9-lives")).isEqualTo("p_9_lives");
    }
}
