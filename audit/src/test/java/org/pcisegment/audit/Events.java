package org.pcisegment.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.policy.Direction;

/** Sample events for tests, fixed in time and origin. */
public final class Events {
    public static final Instant T0 = Instant.parse("2026-11-22T10:15:30.123Z");
    public static final String HASH_A = "a".repeat(64);
    public static final String HASH_B = "b".repeat(64);

    private Events() {}

    public static Subject.NetworkFlow tcpFlow(int sourcePort) {
        return new Subject.NetworkFlow(
                IpAddress.parseOrThrow("10.0.20.5"),
                sourcePort,
                IpAddress.parseOrThrow("10.0.10.7"),
                5432,
                6,
                Direction.INGRESS,
                1,
                Optional.of("cde-isolation"),
                Optional.of("cde-isolation/ingress/0"));
    }

    public static AuditEvent denied(int sourcePort) {
        return fixed(AuditEvent.flowDenied(tcpFlow(sourcePort)));
    }

    public static AuditEvent applied() {
        return fixed(AuditEvent.of(
                EventAction.POLICY_APPLIED,
                Outcome.SUCCESS,
                "policy set aaaaaaaaaaaa applied to nft",
                new Subject.PolicyChange(
                        HASH_A,
                        List.of("cde-isolation", "web-egress"),
                        List.of("policies/cde.yaml"),
                        Optional.of("nft"),
                        Optional.empty())));
    }

    public static AuditEvent fixed(AuditEvent event) {
        return event.withTimestamp(T0).withHost("pay-01").withUser(new Principal("root", Principal.Kind.OS));
    }
}
