package org.pcisegment.report.trail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pcisegment.audit.AuditLocation;
import org.pcisegment.audit.AuditReader;
import org.pcisegment.audit.AuditRecord;
import org.pcisegment.audit.AuditVerifier;
import org.pcisegment.audit.RecordFilter;
import org.pcisegment.audit.VerifyReport;
import org.pcisegment.report.Period;

/** Reads an audit log for a report: verifies it, reads its records, checks who may read its files. */
public final class AuditEvidenceLoader {
    private AuditEvidenceLoader() {}

    /**
     * The evidence of the log at {@code location} for {@code period}. A missing directory is an input
     * error ({@link org.pcisegment.core.source.InputException}) from the verifier.
     */
    public static AuditTrailEvidence load(AuditLocation location, Period period) {
        VerifyReport verify = AuditVerifier.verify(location);
        List<AuditRecord> records = new ArrayList<>();
        // Everything before the period's end: the installed set and the tests may predate the period.
        AuditReader.read(
                location.directory(),
                new RecordFilter(Optional.empty(), Optional.of(period.until()), Set.of()),
                stored -> records.add(stored.record()));
        return AuditTrailEvidence.of(
                location.directory().toString(), verify, accessProblems(location.directory()), records, period);
    }

    /** Files or the directory readable or writable by others, or writable by the group (10.3.1). */
    static List<String> accessProblems(Path directory) {
        List<String> problems = new ArrayList<>();
        check(directory, problems);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "audit-*")) {
            for (Path entry : entries) {
                check(entry, problems);
            }
        } catch (IOException e) {
            problems.add("cannot list " + directory + ": " + e.getMessage());
        }
        return problems;
    }

    private static void check(Path path, List<String> problems) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException e) {
            problems.add("cannot read POSIX permissions of " + path);
            return;
        } catch (IOException e) {
            problems.add("cannot read the permissions of " + path + ": " + e.getMessage());
            return;
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            problems.add(path.getFileName() + " is readable or writable by every user");
        } else if (permissions.contains(PosixFilePermission.GROUP_WRITE)) {
            problems.add(path.getFileName() + " is writable by its group");
        }
    }
}
