package org.pcisegment.enforce.nft;

import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.policy.Direction;

/**
 * The names and fixed texts of our nftables table, shared by the writer and the reader so that
 * what is written can be recognised when it is read back.
 */
final class NftLayout {
    static final String FAMILY = "inet";
    static final String TABLE = "pci_segment";
    static final String QUALIFIED_TABLE = FAMILY + " " + TABLE;

    /** First word of the metadata comment; the rest is hash, time and version. */
    static final String METADATA_MARK = "pci-segment";

    /** The empty set whose comment holds the metadata (JSON listings show set comments). */
    static final String METADATA_SET = "metadata";

    static final String MANAGEMENT_COMMENT = "management";
    static final String ALLOW_COMMENT_SUFFIX = " allow";
    static final String DENY_LOG_SUFFIX = " default deny log";

    private NftLayout() {}

    /** "input" for ingress, "output" for egress: the chain and the hook. */
    static String chain(Direction direction) {
        return direction == Direction.INGRESS ? "input" : "output";
    }

    /** "allow_in_v4", "allow_out_v6". */
    static String allowSet(Direction direction, IpFamily family) {
        return "allow_" + (direction == Direction.INGRESS ? "in" : "out") + "_" + suffix(family);
    }

    /** "mgmt_v4", "mgmt_v6". */
    static String managementSet(IpFamily family) {
        return "mgmt_" + suffix(family);
    }

    /** "ip"/"ip6": the payload protocol of addresses of this family. */
    static String addressProtocol(IpFamily family) {
        return family == IpFamily.V4 ? "ip" : "ip6";
    }

    /** "ipv4_addr"/"ipv6_addr". */
    static String addressType(IpFamily family) {
        return family == IpFamily.V4 ? "ipv4_addr" : "ipv6_addr";
    }

    /** The peer of a packet: its source for ingress, its destination for egress. */
    static String peerField(Direction direction) {
        return direction == Direction.INGRESS ? "saddr" : "daddr";
    }

    private static String suffix(IpFamily family) {
        return family == IpFamily.V4 ? "v4" : "v6";
    }
}
