package org.pcisegment.core.pci.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SarifWriterTest {
    @Test
    void artifactUrisAreValidUriReferences() {
        assertThat(SarifWriter.artifactUri("policies/cde.yaml")).isEqualTo("policies/cde.yaml");
        assertThat(SarifWriter.artifactUri("../examples/x.yaml")).isEqualTo("../examples/x.yaml");
        assertThat(SarifWriter.artifactUri("my policies/100%.yaml")).isEqualTo("my%20policies/100%25.yaml");
        assertThat(SarifWriter.artifactUri("c:cde.yaml")).isEqualTo("./c:cde.yaml");
        assertThat(SarifWriter.artifactUri("/etc/pci/cde.yaml")).isEqualTo("file:///etc/pci/cde.yaml");
    }
}
