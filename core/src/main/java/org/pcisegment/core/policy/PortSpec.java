package org.pcisegment.core.policy;

import java.util.Optional;
import org.pcisegment.core.source.SourceSpan;

/**
 * One entry of a rule's {@code ports} list, as written: protocol (TCP when omitted), port by
 * number or well-known name (all ports when omitted), and an optional {@code endPort}.
 */
public record PortSpec(
        Located<String> protocol, Optional<PortValue> port, Optional<Located<Long>> endPort, SourceSpan span) {

    /** A port number or a service name such as "https". */
    public sealed interface PortValue permits Number, Named {
        SourceSpan span();
    }

    public record Number(long value, SourceSpan span) implements PortValue {}

    public record Named(String name, SourceSpan span) implements PortValue {}
}
