package org.pcisegment.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcisegment.audit.RecordFilter;
import picocli.CommandLine.Option;

/** {@code --since}, {@code --until}, {@code --type}: which records a query or export selects. */
final class AuditFilterOptions {
    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Only records at or after TIME: 2026-11-22T10:00:00Z, 2026-11-22T10:00 (UTC),"
                    + " 2026-11-22, or an age such as 30m, 24h, 7d, 2w.")
    Optional<String> since = Optional.empty();

    @Option(
            names = "--until",
            paramLabel = "TIME",
            description = "Only records before TIME (same forms; a plain date includes that whole day).")
    Optional<String> until = Optional.empty();

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            split = ",",
            description = "Only these event types: a family (policy, enforcement, flow, cloud, segtest, audit) or"
                    + " an action (policy-applied, flow-denied, ...). Repeatable or comma-separated.")
    List<String> types = new ArrayList<>();

    RecordFilter filter() {
        return RecordFilter.parse(since, until, types, Instant.now());
    }
}
