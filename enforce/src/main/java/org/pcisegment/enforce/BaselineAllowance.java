package org.pcisegment.enforce;

/**
 * Traffic every backend lets through in a restricted direction whatever the policies say, because
 * the host cannot work without it. Policies speak of TCP, UDP and SCTP only; these cover what they
 * cannot express.
 */
public enum BaselineAllowance {
    /** Traffic on the loopback interface never leaves the host. */
    LOOPBACK("loopback"),
    /**
     * Packets of connections that were allowed when they opened, in the reply direction, and ICMP
     * errors related to them: without these no allowed connection could receive an answer.
     */
    RETURN_TRAFFIC("return traffic of allowed connections"),
    /**
     * IPv6 neighbour discovery (ICMPv6 neighbour and router solicitations and advertisements): the
     * IPv6 equivalent of ARP, without which no IPv6 packet reaches its next hop.
     */
    IPV6_NEIGHBOUR_DISCOVERY("ipv6 neighbour discovery");

    private final String description;

    BaselineAllowance(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
