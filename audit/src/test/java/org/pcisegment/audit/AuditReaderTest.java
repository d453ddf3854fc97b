package org.pcisegment.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.source.InputException;

class AuditReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path temp;

    @Test
    void selectsByTimeAndTypeAcrossCompressedFiles() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));
        AuditConfig config =
                TestLogs.config(temp, clock).withRetention(new RetentionPolicy(Period.ofMonths(12), Period.ofDays(2)));
        try (AuditLog log = AuditLog.open(config)) {
            for (int day = 0; day < 10; day++) {
                log.record(Events.applied().withTimestamp(clock.instant()));
                log.recordBatched(Events.denied(day + 1).withTimestamp(clock.instant()));
                clock.advance(Duration.ofDays(1));
            }
        }
        AuditLocation location = TestLogs.location(temp);
        assertThat(TestLogs.files(location))
                .filteredOn(p -> p.toString().endsWith(".gz"))
                .hasSizeGreaterThan(5);

        RecordFilter filter =
                RecordFilter.parse(Optional.of("2026-11-03"), Optional.of("2026-11-05"), List.of("flow"), NOW);
        List<AuditReader.StoredRecord> selected = new ArrayList<>();
        AuditReader.Summary summary = AuditReader.read(location.directory(), filter, selected::add);

        assertThat(summary.skipped()).isZero();
        assertThat(selected)
                .extracting(r -> r.event().timestamp())
                .containsExactly(
                        Instant.parse("2026-11-03T12:00:00Z"),
                        Instant.parse("2026-11-04T12:00:00Z"),
                        Instant.parse("2026-11-05T12:00:00Z"));
        assertThat(selected).allMatch(r -> r.event().action() == EventAction.FLOW_DENIED);
        assertThat(selected.getFirst().file()).endsWith(".jsonl.gz");
        assertThat(AuditReader.textLine(selected.getFirst().event()))
                .startsWith("2026-11-03T12:00:00Z  flow-denied             success  root@pay-01  denied tcp");
    }

    @Test
    void readsTimesInEveryDocumentedForm() {
        assertThat(RecordFilter.parseTime("--since", "2026-11-22T10:00:00Z", NOW, false))
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(RecordFilter.parseTime("--since", "2026-11-22T10:00:00+01:00", NOW, false))
                .isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(RecordFilter.parseTime("--since", "2026-11-22T10:00", NOW, false))
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(RecordFilter.parseTime("--since", "2026-11-20", NOW, false))
                .isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(RecordFilter.parseTime("--until", "2026-11-20", NOW, true))
                .isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(RecordFilter.parseTime("--since", "24h", NOW, false)).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(RecordFilter.parseTime("--since", "2w", NOW, false)).isEqualTo(NOW.minus(Duration.ofDays(14)));
    }

    @Test
    void rejectsBadTimesAndTypesWithTheOptionNamed() {
        assertThatThrownBy(() -> RecordFilter.parse(Optional.of("yesterday"), Optional.empty(), List.of(), NOW))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("cannot read 'yesterday' as a time")
                .extracting(e -> ((InputException) e).span().file())
                .isEqualTo("--since");
        assertThatThrownBy(() -> RecordFilter.parse(Optional.of("1d"), Optional.of("2d"), List.of(), NOW))
                .hasMessageContaining("--until")
                .hasMessageContaining("must be after --since");
        assertThatThrownBy(() -> RecordFilter.parse(Optional.empty(), Optional.empty(), List.of("flow-denide"), NOW))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown event type 'flow-denide' (did you mean 'flow-denied'?)");
    }

    @Test
    void typesMatchActionsAndFamilies() {
        RecordFilter filter =
                RecordFilter.parse(Optional.empty(), Optional.empty(), List.of("policy,flow-allowed"), NOW);

        assertThat(filter.matches(Events.applied())).isTrue();
        assertThat(filter.matches(Events.denied(1))).isFalse();
        assertThat(filter.matches(AuditEvent.flowAllowed(Events.tcpFlow(1)))).isTrue();
    }
}
