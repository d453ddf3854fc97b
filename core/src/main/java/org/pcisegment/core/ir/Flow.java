package org.pcisegment.core.ir;

import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;

/** One connection attempt: source and destination address, protocol and destination port. */
public record Flow(IpAddress source, IpAddress destination, Protocol protocol, int port) {

    public Flow {
        if (port < PortSet.MIN_PORT || port > PortSet.MAX_PORT) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    /** "tcp 10.0.2.10 -> 10.0.1.10:443", "tcp [fd00::1] -> [fd00::2]:443". */
    @Override
    public String toString() {
        return protocol.lowerName() + " " + source + " -> " + endpoint(destination) + ":" + port;
    }

    private static String endpoint(IpAddress address) {
        return address.family() == IpFamily.V6 ? "[" + address + "]" : address.toString();
    }
}
