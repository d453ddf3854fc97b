package org.pcisegment.audit;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the log and its key live. Defaults: as root {@code /var/log/pci-segment} with the key in
 * {@code /var/lib/pci-segment/audit-key}; otherwise {@code $XDG_STATE_HOME/pci-segment/audit} (or
 * {@code ~/.local/state/...}) with the key beside it in {@code .../audit-key}. A log directory given
 * explicitly ({@code --audit-dir}, {@code PCI_SEGMENT_AUDIT_DIR}) keeps its key in the sibling
 * directory {@code <dir>-key} unless a key directory is given too.
 */
public record AuditLocation(Path directory, Path keyDirectory) {
    public static final String DIRECTORY_VARIABLE = "PCI_SEGMENT_AUDIT_DIR";
    public static final String KEY_DIRECTORY_VARIABLE = "PCI_SEGMENT_AUDIT_KEY_DIR";

    public AuditLocation {
        directory = directory.toAbsolutePath().normalize();
        keyDirectory = keyDirectory.toAbsolutePath().normalize();
    }

    /**
     * Resolves the location from explicit options first, then the environment, then the defaults.
     */
    public static AuditLocation resolve(
            Optional<Path> directoryOption, Optional<Path> keyDirectoryOption, Map<String, String> environment) {
        Optional<Path> directory = directoryOption.or(() -> variable(environment, DIRECTORY_VARIABLE));
        Optional<Path> keyDirectory = keyDirectoryOption.or(() -> variable(environment, KEY_DIRECTORY_VARIABLE));
        if (directory.isPresent()) {
            Path log = directory.get().toAbsolutePath().normalize();
            return new AuditLocation(log, keyDirectory.orElseGet(() -> siblingKeyDirectory(log)));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            return new AuditLocation(
                    Path.of("/var/log/pci-segment"), keyDirectory.orElse(Path.of("/var/lib/pci-segment/audit-key")));
        }
        Path state = variable(environment, "XDG_STATE_HOME")
                .filter(Path::isAbsolute)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".local", "state"));
        Path base = state.resolve("pci-segment");
        return new AuditLocation(base.resolve("audit"), keyDirectory.orElse(base.resolve("audit-key")));
    }

    private static Path siblingKeyDirectory(Path log) {
        Path name = log.getFileName();
        return log.resolveSibling((name == null ? "audit" : name.toString()) + "-key");
    }

    private static Optional<Path> variable(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name))
                .filter(v -> !v.isBlank())
                .map(Path::of);
    }
}
