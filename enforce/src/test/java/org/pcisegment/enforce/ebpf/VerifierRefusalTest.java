package org.pcisegment.enforce.ebpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An object holding a program the verifier refuses fails to load with an error that carries the
 * verifier's log, and leaves nothing pinned behind.
 */
@Tag("kernel")
class VerifierRefusalTest {

    @Test
    void refusedProgramYieldsTheVerifierLogAndLeavesNoPins() throws IOException {
        byte[] elf;
        try (InputStream in = getClass().getResourceAsStream("unverifiable.bpf.o")) {
            assertThat(in).as("test object built by the enforce pom").isNotNull();
            elf = in.readAllBytes();
        }
        Path pins = PinnedObjects.BPFFS.resolve("pci-segment-test-" + UUID.randomUUID());

        BpfException refused =
                catchThrowableOfType(BpfException.class, () -> PinnedObjects.load(pins, elf, "unverifiable.bpf.o"));

        assertThat(refused.getMessage()).startsWith("cannot load BPF object unverifiable.bpf.o");
        assertThat(refused.errno()).isEqualTo(13); // EACCES: the verifier's refusal
        assertThat(refused.verifierLog()).hasValueSatisfying(log -> {
            assertThat(log).contains("unchecked_packet_read");
            assertThat(log).contains("invalid access to packet");
        });
        assertThat(Files.exists(pins)).isFalse();
    }
}
