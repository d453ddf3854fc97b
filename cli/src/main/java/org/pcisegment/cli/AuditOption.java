package org.pcisegment.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.pcisegment.audit.AuditConfig;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.AuditLog;
import picocli.CommandLine.Option;

/** {@code --audit-dir}: where commands that change enforcement record what they did. */
final class AuditOption {
    @Option(
            names = "--audit-dir",
            paramLabel = "DIR",
            description = "Audit log directory (default: $PCI_SEGMENT_AUDIT_DIR, /var/log/pci-segment as root,"
                    + " else ~/.local/state/pci-segment/audit).")
    Optional<Path> directory = Optional.empty();

    /** Opens the audit log, or fails with AuditException (reported as exit code 3). */
    AuditLog open() {
        return AuditLog.open(AuditConfig.at(AuditLocation.resolve(directory, Optional.empty(), System.getenv())));
    }
}
