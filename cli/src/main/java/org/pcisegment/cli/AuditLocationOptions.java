package org.pcisegment.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.pcisegment.audit.AuditLocation;
import picocli.CommandLine.Option;

/** Where the audit log and its key are: {@code --audit-dir}, {@code --audit-key-dir}, or the defaults. */
final class AuditLocationOptions {
    @Option(
            names = "--audit-dir",
            paramLabel = "DIR",
            description = "Audit log directory. Default: $" + AuditLocation.DIRECTORY_VARIABLE
                    + ", else /var/log/pci-segment as root, else $XDG_STATE_HOME/pci-segment/audit.")
    Optional<Path> directory = Optional.empty();

    @Option(
            names = "--audit-key-dir",
            paramLabel = "DIR",
            description = "Directory of the checkpoint key and signed anchor (outside the log directory)."
                    + " Default: $" + AuditLocation.KEY_DIRECTORY_VARIABLE + ", else DIR-key beside --audit-dir,"
                    + " else /var/lib/pci-segment/audit-key as root, else $XDG_STATE_HOME/pci-segment/audit-key.")
    Optional<Path> keyDirectory = Optional.empty();

    AuditLocation resolve() {
        return AuditLocation.resolve(directory, keyDirectory, System.getenv());
    }
}
