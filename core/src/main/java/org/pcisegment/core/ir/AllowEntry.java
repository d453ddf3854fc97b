package org.pcisegment.core.ir;

import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortRange;

/**
 * One disjoint piece of what a direction admits for one protocol: a peer address range, a port
 * range, and the first rule in compile order that admits it, which is the rule {@link
 * RuleSet#decide} cites for every flow in the piece. Enforcement backends install these as set
 * elements and map per-element counters back to policies through {@link Rule#origin()}.
 */
public record AllowEntry(IpRange peers, PortRange ports, Rule rule) {}
