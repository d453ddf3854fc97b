package org.pcisegment.enforce.ebpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.ir.PolicyCompiler;
import org.pcisegment.core.ir.RuleSet;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.Protocol;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.EnforcementStatus;
import org.pcisegment.enforce.ManagementAccess;
import org.pcisegment.enforce.Removed;
import org.pcisegment.enforce.testing.Host;
import org.pcisegment.enforce.testing.Lab;
import org.pcisegment.enforce.testing.LabTraffic;
import org.pcisegment.enforce.testing.Prober;
import org.pcisegment.enforce.testing.SharedLab;
import org.pcisegment.enforce.testing.TestNetwork;

/**
 * The pinned state of an installation can vanish while its TC filters stay attached (a bpffs
 * mounted in a private mount namespace that ended with the process): {@code status} must still
 * see the filters and say that they are unmanaged, {@code disable} must still remove them, and
 * {@code apply} refuses to pin anywhere but on a bpffs.
 */
@Tag("kernel")
class UnpinnedFiltersTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1200);

    @RegisterExtension
    static final SharedLab LAB = new SharedLab();

    @TempDir
    Path dir;

    private Path pinRoot;
    private EbpfEnforcer enforcer;

    @BeforeEach
    void createEnforcer() {
        Lab.writeFiles(dir);
        pinRoot = PinnedObjects.BPFFS.resolve("pci-segment-test-" + UUID.randomUUID());
        enforcer = new EbpfEnforcer(EbpfOptions.DEFAULTS.withPinRoot(pinRoot));
    }

    @AfterEach
    void removeEverything() throws IOException {
        Host db = LAB.get().db();
        db.call(enforcer::disable);
        TestNetwork.run(List.of("sh", "-c", "tc -n " + db.namespace() + " qdisc del dev eth0 clsact || true"));
        if (Files.isDirectory(pinRoot)) {
            deleteContents(pinRoot);
            Files.delete(pinRoot);
        }
    }

    @Test
    void statusReportsAndDisableRemovesFiltersWhosePinsVanished() throws IOException {
        Host db = LAB.get().db();
        Host office = LAB.get().network().get("office");
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        db.call(() -> enforcer.apply(LabTraffic.desired(ruleSet, db, ManagementAccess.none())));
        assertThat(officeReachesSsh(office, db)).as("refused by the policies").isFalse();

        // what happens when the bpffs holding the pins goes away with its mount namespace
        deleteContents(db.call(enforcer::pins));

        EnforcementStatus status = db.call(enforcer::status);
        assertThat(status.inForce()).isTrue();
        assertThat(status.installed()).isFalse();
        assertThat(status.unmanaged())
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains("eth0 (ingress, egress)")
                        .contains("not reachable")
                        .contains("disable"));
        assertThat(status.details()).containsEntry("Interfaces", "eth0 (ingress, egress)");
        assertThat(officeReachesSsh(office, db))
                .as("the unmanaged filters still filter")
                .isFalse();

        Removed removed = db.call(enforcer::disable);

        assertThat(removed.removedSomething()).isTrue();
        assertThat(db.call(TcAttachments::ours)).isEmpty();
        assertThat(db.call(enforcer::status).inForce()).isFalse();
        assertThat(officeReachesSsh(office, db)).as("after disable").isTrue();
    }

    @Test
    void applyReplacesFiltersWhosePinsVanishedAndStatusIsClean() throws IOException {
        Host db = LAB.get().db();
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));
        db.call(() -> enforcer.apply(LabTraffic.desired(ruleSet, db, ManagementAccess.none())));
        deleteContents(db.call(enforcer::pins));

        db.call(() -> enforcer.apply(LabTraffic.desired(ruleSet, db, ManagementAccess.none())));

        EnforcementStatus status = db.call(enforcer::status);
        assertThat(status.installed()).isTrue();
        assertThat(status.unmanaged()).isEmpty();
        assertThat(db.call(TcAttachments::ours)).hasSize(2);
    }

    @Test
    void refusesToPinOutsideABpfFileSystemAndAttachesNothing(@TempDir Path notBpffs) {
        Host db = LAB.get().db();
        EbpfEnforcer elsewhere = new EbpfEnforcer(EbpfOptions.DEFAULTS.withPinRoot(notBpffs.resolve("pins")));
        RuleSet ruleSet = PolicyCompiler.compile(Lab.load(dir));

        assertThatThrownBy(
                        () -> db.call(() -> elsewhere.apply(LabTraffic.desired(ruleSet, db, ManagementAccess.none()))))
                .isInstanceOf(EnforcementException.class)
                .hasMessageContaining("is not on a BPF file system")
                .hasMessageContaining("nsenter --net");
        assertThat(db.call(TcAttachments::ours)).isEmpty();
    }

    private static boolean officeReachesSsh(Host office, Host db) {
        return Prober.reaches(office, db.address(IpFamily.V4), Protocol.TCP, 22, TIMEOUT);
    }

    private static void deleteContents(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                Files.delete(entry);
            }
        }
    }
}
