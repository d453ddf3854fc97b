package org.pcisegment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditLocationTest {
    @Test
    void optionBeatsEnvironmentAndKeepsTheKeyBesideTheLog() {
        AuditLocation location = AuditLocation.resolve(
                Optional.of(Path.of("/srv/audit")),
                Optional.empty(),
                Map.of(AuditLocation.DIRECTORY_VARIABLE, "/elsewhere"));

        assertThat(location).isEqualTo(new AuditLocation(Path.of("/srv/audit"), Path.of("/srv/audit-key")));
    }

    @Test
    void environmentNamesBothDirectories() {
        AuditLocation location = AuditLocation.resolve(
                Optional.empty(),
                Optional.empty(),
                Map.of(
                        AuditLocation.DIRECTORY_VARIABLE, "/data/log",
                        AuditLocation.KEY_DIRECTORY_VARIABLE, "/etc/pci-segment/key"));

        assertThat(location).isEqualTo(new AuditLocation(Path.of("/data/log"), Path.of("/etc/pci-segment/key")));
    }

    @Test
    void defaultsDependOnTheUser() {
        AuditLocation location =
                AuditLocation.resolve(Optional.empty(), Optional.empty(), Map.of("XDG_STATE_HOME", "/home/ops/.state"));

        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(location)
                    .isEqualTo(new AuditLocation(
                            Path.of("/var/log/pci-segment"), Path.of("/var/lib/pci-segment/audit-key")));
        } else {
            assertThat(location)
                    .isEqualTo(new AuditLocation(
                            Path.of("/home/ops/.state/pci-segment/audit"),
                            Path.of("/home/ops/.state/pci-segment/audit-key")));
        }
    }
}
