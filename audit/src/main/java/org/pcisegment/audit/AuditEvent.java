package org.pcisegment.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One audit event: what happened ({@link EventAction}), when (UTC, millisecond precision), where
 * (host), who ({@link Principal}), how it ended ({@link Outcome}), a human sentence, and what it
 * concerned ({@link Subject}). Written as one ECS JSON line by {@link EventJson}.
 *
 * <p>The factory methods stamp the current time, this host and the OS user; {@link #withUser},
 * {@link #withTimestamp}, {@link #withOutcome}, {@link #withError} and {@link #withLabel} adjust
 * them.
 */
public record AuditEvent(
        Instant timestamp,
        EventAction action,
        Outcome outcome,
        String host,
        Principal user,
        String message,
        Subject subject,
        Optional<String> error,
        Map<String, String> labels) {

    /** ECS label keys: no dots, so that they stay one keyword field. */
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9_]{1,64}");

    private static final String LOCAL_HOST = localHostName();

    public AuditEvent {
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        if (!action.subjectType().isInstance(subject)) {
            throw new IllegalArgumentException(action.actionName() + " events carry a "
                    + action.subjectType().getSimpleName() + " subject, not "
                    + subject.getClass().getSimpleName());
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        for (String key : labels.keySet()) {
            if (!LABEL_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("label key must match [a-z0-9_]{1,64}: '" + key + "'");
            }
        }
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** An event of this host and OS user, stamped now. */
    public static AuditEvent of(EventAction action, Outcome outcome, String message, Subject subject) {
        return new AuditEvent(
                Instant.now(),
                action,
                outcome,
                LOCAL_HOST,
                Principal.osUser(),
                message,
                subject,
                Optional.empty(),
                Map.of());
    }

    // ---- policy ----------------------------------------------------------------------------

    /** An installed policy set was removed from a backend. */
    public static AuditEvent policyRemoved(String policySetSha256, List<String> policies, String backend) {
        return of(
                EventAction.POLICY_REMOVED,
                Outcome.SUCCESS,
                "policy set " + policySetSha256.substring(0, Math.min(12, policySetSha256.length())) + " removed from "
                        + backend,
                new Subject.PolicyChange(policySetSha256, policies, List.of(), Optional.of(backend), Optional.empty()));
    }

    // ---- enforcement -----------------------------------------------------------------------

    public static AuditEvent enforcementStopped(String backend, String reason) {
        return of(
                EventAction.ENFORCEMENT_STOPPED,
                Outcome.SUCCESS,
                "enforcement with " + backend + " stopped: " + reason,
                new Subject.Enforcement(backend, Optional.empty()));
    }

    /** Applying or keeping enforcement failed; {@code rolledBack} says whether the previous state was restored. */
    public static AuditEvent enforcementFailed(
            String backend, Optional<String> policySetSha256, String error, boolean rolledBack) {
        return of(
                        EventAction.ENFORCEMENT_FAILED,
                        Outcome.FAILURE,
                        "enforcement with " + backend + " failed"
                                + (rolledBack ? "; the previous state was restored" : "; NOT rolled back"),
                        new Subject.Enforcement(backend, policySetSha256))
                .withError(error);
    }

    // ---- data plane ------------------------------------------------------------------------

    public static AuditEvent flowDenied(Subject.NetworkFlow flow) {
        return of(EventAction.FLOW_DENIED, Outcome.SUCCESS, "denied " + describe(flow), flow);
    }

    public static AuditEvent flowAllowed(Subject.NetworkFlow flow) {
        return of(EventAction.FLOW_ALLOWED, Outcome.SUCCESS, "allowed " + describe(flow), flow);
    }

    private static String describe(Subject.NetworkFlow flow) {
        String source = flow.hasPorts()
                ? endpoint(flow.source().toString(), flow.sourcePort())
                : flow.source().toString();
        String destination = flow.hasPorts()
                ? endpoint(flow.destination().toString(), flow.destinationPort())
                : flow.destination().toString();
        return flow.transport() + " " + source + " -> " + destination + " ("
                + flow.direction().sectionField() + ", "
                + flow.policy().map(p -> "policy " + p).orElse("default deny") + ")";
    }

    private static String endpoint(String address, int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }

    // ---- cloud and tests -------------------------------------------------------------------

    /** A change to cloud resources; {@code summary} says what changed in one line. */
    public static AuditEvent cloudChanged(Subject.CloudChange change, Outcome outcome, String summary) {
        return of(EventAction.CLOUD_CHANGED, outcome, change.provider() + ": " + summary, change);
    }

    /** A segmentation test run; failed when any probe's observation differed from the expectation. */
    public static AuditEvent segmentationTested(Subject.SegmentationTest test) {
        boolean passed = test.failures().isEmpty();
        return of(
                EventAction.SEGMENTATION_TESTED,
                passed ? Outcome.SUCCESS : Outcome.FAILURE,
                "segmentation test: " + test.probes() + " probes, "
                        + test.failures().size() + " failed",
                test);
    }

    // ---- adjustments -----------------------------------------------------------------------

    public AuditEvent withUser(Principal principal) {
        return new AuditEvent(timestamp, action, outcome, host, principal, message, subject, error, labels);
    }

    public AuditEvent withTimestamp(Instant instant) {
        return new AuditEvent(instant, action, outcome, host, user, message, subject, error, labels);
    }

    public AuditEvent withOutcome(Outcome newOutcome) {
        return new AuditEvent(timestamp, action, newOutcome, host, user, message, subject, error, labels);
    }

    public AuditEvent withHost(String newHost) {
        return new AuditEvent(timestamp, action, outcome, newHost, user, message, subject, error, labels);
    }

    /** Adds ECS {@code error.message}. */
    public AuditEvent withError(String errorMessage) {
        return new AuditEvent(
                timestamp, action, outcome, host, user, message, subject, Optional.of(errorMessage), labels);
    }

    /** Adds one ECS label (key: lower-case letters, digits, underscore). */
    public AuditEvent withLabel(String key, String value) {
        Map<String, String> more = new TreeMap<>(labels);
        more.put(key, value);
        return new AuditEvent(timestamp, action, outcome, host, user, message, subject, error, more);
    }

    /** The name of this host, without a DNS lookup where the kernel can tell it. */
    public static String localHost() {
        return LOCAL_HOST;
    }

    private static String localHostName() {
        try {
            String kernel =
                    Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | SecurityException e) {
            // Not Linux, or /proc is hidden: fall back to the JDK.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
