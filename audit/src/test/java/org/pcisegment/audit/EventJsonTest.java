package org.pcisegment.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.policy.Direction;

class EventJsonTest {

    @Test
    void writesFlowEventsWithEcsFieldNames() {
        byte[] line = EventJson.write(new AuditRecord(7, Events.HASH_B, Events.denied(40001)));

        assertThat(new String(line, StandardCharsets.UTF_8))
                .isEqualTo("{\"@timestamp\":\"2026-11-22T10:15:30.123Z\",\"ecs\":{\"version\":\"8.11.0\"},"
                        + "\"event\":{\"sequence\":7,\"action\":\"flow-denied\",\"kind\":\"event\","
                        + "\"category\":[\"network\"],\"type\":[\"connection\",\"denied\"],\"outcome\":\"success\","
                        + "\"module\":\"pci_segment\",\"dataset\":\"pci_segment.audit\"},"
                        + "\"message\":\"denied tcp 10.0.20.5:40001 -> 10.0.10.7:5432 (ingress, policy cde-isolation)\","
                        + "\"host\":{\"name\":\"pay-01\"},\"user\":{\"name\":\"root\"},"
                        + "\"source\":{\"ip\":\"10.0.20.5\",\"port\":40001},"
                        + "\"destination\":{\"ip\":\"10.0.10.7\",\"port\":5432},"
                        + "\"network\":{\"transport\":\"tcp\",\"iana_number\":\"6\",\"type\":\"ipv4\","
                        + "\"direction\":\"ingress\",\"packets\":1},"
                        + "\"rule\":{\"name\":\"cde-isolation\",\"id\":\"cde-isolation/ingress/0\"},"
                        + "\"pci_segment\":{\"principal\":\"os\",\"chain\":{\"prev_sha256\":\"" + Events.HASH_B
                        + "\"}}}");
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        AuditEvent event = Events.applied().withLabel("ticket", "CHG-1234").withError("none");
        AuditRecord record = new AuditRecord(0, EventJson.GENESIS_PREVIOUS, event);

        assertThat(EventJson.parse(EventJson.write(record))).isEqualTo(record);
    }

    @Test
    void linkReadsChainFieldsOnly() {
        byte[] line = EventJson.write(new AuditRecord(42, Events.HASH_A, Events.applied()));

        assertThat(EventJson.link(line, line.length)).contains(new EventJson.Link(42, Events.HASH_A, "policy-applied"));
        assertThat(EventJson.link(line, line.length - 1)).isEmpty();
    }

    @Test
    void rejectsRecordsWithMissingOrMistypedFields() {
        String line = new String(
                EventJson.write(new AuditRecord(1, Events.HASH_A, Events.applied())), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.parse(
                        line.replace("\"sequence\":1", "\"sequence\":\"1\"").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventJson.MalformedRecordException.class)
                .hasMessageContaining("event.sequence");
        assertThatThrownBy(() -> EventJson.parse(
                        line.replace("policy-applied", "policy-exploded").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown event.action 'policy-exploded'");
        assertThatThrownBy(() -> EventJson.parse("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void refusesASubjectThatDoesNotFitTheAction() {
        assertThatThrownBy(() -> AuditEvent.of(
                        EventAction.FLOW_DENIED,
                        Outcome.SUCCESS,
                        "x",
                        new Subject.Enforcement("nft", Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flow-denied events carry a NetworkFlow subject");
    }

    @Property(tries = 300)
    void everySubjectKindRoundTrips(@ForAll("events") AuditEvent event, @ForAll("sequences") long sequence)
            throws Exception {
        AuditRecord record = new AuditRecord(sequence, Events.HASH_A, event);
        byte[] line = EventJson.write(record);

        assertThat(EventJson.parse(line)).isEqualTo(record);
        assertThat(new String(line, StandardCharsets.UTF_8)).doesNotContain("\n");
    }

    @Provide
    Arbitrary<Long> sequences() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    @Provide
    Arbitrary<AuditEvent> events() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> name =
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> hash =
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        Arbitrary<IpAddress> v4 = Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(IpAddress::v4);
        Arbitrary<Subject> flow = Combinators.combine(
                        v4,
                        Arbitraries.integers().between(0, 65535),
                        v4,
                        Arbitraries.integers().between(0, 65535),
                        Arbitraries.of(1, 6, 17, 132, 47),
                        Arbitraries.of(Direction.class),
                        Arbitraries.longs().between(1, 1_000_000),
                        name.optional())
                .as((s, sp, d, dp, proto, dir, packets, policy) -> {
                    boolean ports = proto == 6 || proto == 17 || proto == 132;
                    return new Subject.NetworkFlow(
                            s,
                            ports ? sp : 0,
                            d,
                            ports ? dp : 0,
                            proto,
                            dir,
                            packets,
                            policy,
                            policy.map(p -> p + "/0"));
                });
        Arbitrary<Subject> policy = Combinators.combine(
                        hash, name.list().ofMaxSize(4), text.list().ofMaxSize(3), name.optional(), hash.optional())
                .as((h, names, files, backend, previous) -> new Subject.PolicyChange(
                        h,
                        names,
                        files,
                        backend,
                        previous.map(p -> new Subject.PolicyDiff(p, names, List.of("old"), List.of()))));
        Arbitrary<Subject> cloud = Combinators.combine(
                        name, name.optional(), name.optional(), text.list().ofMaxSize(5), hash.optional())
                .as(Subject.CloudChange::new);
        Arbitrary<Subject> segtest = Combinators.combine(text.list().ofMaxSize(3), hash.optional())
                .as((failures, h) -> new Subject.SegmentationTest(failures.size() + 2, failures, h));
        Arbitrary<Subject> enforcement =
                Combinators.combine(name, hash.optional()).as(Subject.Enforcement::new);
        Arbitrary<Subject> state = Combinators.combine(name, name, text).as(Subject.LogState::new);
        Arbitrary<Subject> checkpoint = Combinators.combine(
                        name, Arbitraries.longs().greaterOrEqual(0), hash, name, name)
                .as(Subject.Checkpoint::new);
        Arbitrary<Subject> torn = Combinators.combine(
                        name,
                        Arbitraries.integers().between(1, 1000),
                        Arbitraries.longs().between(0, 1 << 20),
                        hash)
                .as((file, line, bytes, h) -> new Subject.TornRecords(file, line, line + 1, bytes, h));
        Arbitrary<Subject> retention = Combinators.combine(
                        name.list().ofMaxSize(3),
                        name.list().ofMaxSize(3),
                        Arbitraries.longs().greaterOrEqual(0),
                        hash)
                .as(Subject.Retention::new);
        Arbitrary<Subject> subject =
                Arbitraries.oneOf(flow, policy, cloud, segtest, enforcement, state, checkpoint, torn, retention);
        return Combinators.combine(
                        subject,
                        Arbitraries.of(Outcome.class),
                        text,
                        name,
                        Arbitraries.of(Principal.Kind.class),
                        Arbitraries.longs().between(0, 4_102_444_800_000L))
                .as((s, outcome, message, user, kind, millis) -> {
                    EventAction action = java.util.Arrays.stream(EventAction.values())
                            .filter(a -> a.subjectType().isInstance(s))
                            .findFirst()
                            .orElseThrow();
                    return AuditEvent.of(action, outcome, message, s)
                            .withUser(new Principal(user, kind))
                            .withTimestamp(java.time.Instant.ofEpochMilli(millis))
                            .withHost(user + ".example");
                });
    }
}
