package org.pcisegment.audit;

import java.util.List;
import java.util.Optional;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.policy.Direction;

/** What an audit event concerns. Each {@link EventAction} names the one subject type it carries. */
public sealed interface Subject {
    /**
     * A policy set that was validated, applied, changed or removed: its SHA-256 (from {@code
     * PolicySet.sha256()}), the policy names, the files it came from, the backend it went to, and
     * for a change a summary of the difference to the set it replaced.
     */
    record PolicyChange(
            String policySetSha256,
            List<String> policies,
            List<String> files,
            Optional<String> backend,
            Optional<PolicyDiff> diff)
            implements Subject {
        public PolicyChange {
            requireSha256(policySetSha256, "policy set");
            policies = List.copyOf(policies);
            files = List.copyOf(files);
        }
    }

    /** The policy names a change added, removed and changed, against the previous set's hash. */
    record PolicyDiff(String previousSha256, List<String> added, List<String> removed, List<String> changed) {
        public PolicyDiff {
            requireSha256(previousSha256, "previous policy set");
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        /** One human line, e.g. "1 added (web-egress), 0 removed, 2 changed (cde-isolation, db)". */
        public String summary() {
            return part("added", added) + ", " + part("removed", removed) + ", " + part("changed", changed);
        }

        private static String part(String what, List<String> names) {
            return names.size() + " " + what + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
        }
    }

    /** An enforcement backend (ebpf, nft, pf) and the policy set it enforces, when one is known. */
    record Enforcement(String backend, Optional<String> policySetSha256) implements Subject {
        public Enforcement {
            requireText(backend, "backend");
            policySetSha256.ifPresent(hash -> requireSha256(hash, "policy set"));
        }
    }

    /**
     * One flow the data plane decided on: the 5-tuple, the direction relative to the protected
     * workload, how many packets the event stands for, and the policy and rule that decided it
     * (empty for the default deny). Ports are meaningful only for TCP, UDP and SCTP.
     */
    record NetworkFlow(
            IpAddress source,
            int sourcePort,
            IpAddress destination,
            int destinationPort,
            int protocolNumber,
            Direction direction,
            long packets,
            Optional<String> policy,
            Optional<String> ruleId)
            implements Subject {
        public NetworkFlow {
            if (source.family() != destination.family()) {
                throw new IllegalArgumentException("source and destination are of different IP families");
            }
            if (sourcePort < 0 || sourcePort > 65535 || destinationPort < 0 || destinationPort > 65535) {
                throw new IllegalArgumentException("port out of range 0-65535");
            }
            if (protocolNumber < 0 || protocolNumber > 255) {
                throw new IllegalArgumentException("IP protocol number out of range 0-255");
            }
            if (packets < 1) {
                throw new IllegalArgumentException("a flow event stands for at least one packet");
            }
        }

        /** True for the transports whose ports the 5-tuple carries. */
        public boolean hasPorts() {
            return protocolNumber == 6 || protocolNumber == 17 || protocolNumber == 132;
        }

        /** The ECS {@code network.transport} name: tcp, udp, sctp, icmp, ipv6-icmp, or the number. */
        public String transport() {
            return switch (protocolNumber) {
                case 1 -> "icmp";
                case 6 -> "tcp";
                case 17 -> "udp";
                case 58 -> "ipv6-icmp";
                case 132 -> "sctp";
                default -> Integer.toString(protocolNumber);
            };
        }
    }

    /**
     * A change made to a cloud provider's resources (security groups, NSGs, firewall rules): the
     * provider, account and region, the resource ids touched, and the policy set it came from.
     */
    record CloudChange(
            String provider,
            Optional<String> account,
            Optional<String> region,
            List<String> resources,
            Optional<String> policySetSha256)
            implements Subject {
        public CloudChange {
            requireText(provider, "cloud provider");
            resources = List.copyOf(resources);
            policySetSha256.ifPresent(hash -> requireSha256(hash, "policy set"));
        }
    }

    /** A segmentation test run: how many probes ran and a line for each that failed. */
    record SegmentationTest(int probes, List<String> failures, Optional<String> policySetSha256) implements Subject {
        public SegmentationTest {
            failures = List.copyOf(failures);
            if (probes < failures.size()) {
                throw new IllegalArgumentException("more failures than probes");
            }
            policySetSha256.ifPresent(hash -> requireSha256(hash, "policy set"));
        }
    }

    /** The audit log itself: its id, the file concerned, and one line of detail. */
    record LogState(String logId, String file, String detail) implements Subject {}

    /**
     * A signature over (log id, sequence number, SHA-256) of the record just before it, made with
     * the log's Ed25519 key. The same shape is kept as the anchor outside the log directory.
     */
    record Checkpoint(String logId, long sequence, String sha256, String keyId, String signature) implements Subject {
        public Checkpoint {
            requireSha256(sha256, "checkpointed record");
        }
    }

    /**
     * Lines a crash left unfinished at the end of a file, sealed on the next start: their line range,
     * byte count and the SHA-256 of their bytes (lines joined by newlines).
     */
    record TornRecords(String file, int firstLine, int lastLine, long bytes, String sha256) implements Subject {
        public TornRecords {
            requireSha256(sha256, "torn bytes");
        }
    }

    /**
     * What a retention run did: files compressed and deleted, and the first record the log now
     * starts with, so that verification knows the earlier records were removed on purpose.
     */
    record Retention(List<String> compressed, List<String> deleted, long firstSequence, String firstPrevious)
            implements Subject {
        public Retention {
            compressed = List.copyOf(compressed);
            deleted = List.copyOf(deleted);
            requireSha256(firstPrevious, "first record's previous");
        }
    }

    private static void requireSha256(String hex, String what) {
        if (!Sha256.isHex(hex)) {
            throw new IllegalArgumentException(what + " hash must be 64 lower-case hex digits, got '" + hex + "'");
        }
    }

    private static void requireText(String text, String what) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
