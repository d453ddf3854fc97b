package org.pcisegment.core.analysis;

import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.net.Protocol;

/**
 * Exactly what is open between two zones for one protocol: every flow from an address of {@code
 * from} to an address of {@code to} on a port of {@code ports} is allowed (both sets of one
 * address family). A connection lists several when different addresses get different ports.
 */
public record Opening(Protocol protocol, PortSet ports, PrefixSet from, PrefixSet to) {}
