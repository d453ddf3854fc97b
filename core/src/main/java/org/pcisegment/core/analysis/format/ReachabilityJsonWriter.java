package org.pcisegment.core.analysis.format;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.pcisegment.core.analysis.Connection;
import org.pcisegment.core.analysis.GroupConnection;
import org.pcisegment.core.analysis.Opening;
import org.pcisegment.core.analysis.Reachability;
import org.pcisegment.core.analysis.Zone;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.net.PortRange;
import org.pcisegment.core.net.PortSet;
import org.pcisegment.core.net.Protocol;
import tools.jackson.core.JsonGenerator;

/**
 * {@code analyze --format json}: tool, version, policySetSha256, ruleSetSha256, summary, zones[],
 * connections[] (each opening with protocol, ports, portRanges, from and to blocks), groups[].
 * Address blocks of the outside zone are widened over inventory addresses: read "these blocks
 * minus inventory addresses". Written as a stream: a large inventory's report is tens of
 * megabytes, which a tree would hold twice (nodes and text) before the first byte goes out.
 */
public final class ReachabilityJsonWriter {
    private ReachabilityJsonWriter() {}

    public static String write(Reachability reachability, String toolVersion) {
        StringWriter text = new StringWriter();
        write(reachability, toolVersion, text);
        return text.toString();
    }

    /** Writes the report to {@code out} (flushed, not closed), with a final newline. */
    public static void write(Reachability reachability, String toolVersion, Writer out) {
        Inventory inventory = reachability.ruleSet().inventory();
        try (JsonGenerator json = Json.generator(out)) {
            json.writeStartObject();
            json.writeStringProperty("tool", "pci-segment");
            json.writeStringProperty("version", toolVersion);
            json.writeStringProperty(
                    "policySetSha256", reachability.ruleSet().policySet().sha256());
            json.writeStringProperty("ruleSetSha256", reachability.ruleSet().sha256());
            json.writeObjectPropertyStart("summary");
            json.writeNumberProperty(
                    "policies", reachability.ruleSet().policySet().policies().size());
            json.writeNumberProperty("workloads", inventory.workloads().size());
            json.writeNumberProperty("cdeWorkloads", reachability.cdeWorkloads());
            json.writeNumberProperty("compiledRules", reachability.ruleSet().size());
            json.writeNumberProperty("connections", reachability.connections().size());
            json.writeNumberProperty(
                    "cdeConnections", reachability.cdeConnections().size());
            json.writeNumberProperty(
                    "fromOutside",
                    reachability.connections().stream()
                            .filter(Connection::fromOutside)
                            .count());
            json.writeEndObject();
            json.writeArrayPropertyStart("zones");
            for (Zone zone : reachability.zones()) {
                json.writeStartObject();
                json.writeStringProperty("name", zone.name());
                json.writeStringProperty("group", zone.group().id());
                json.writeArrayPropertyStart("addresses");
                if (zone.isOutside()) {
                    json.writeString("0.0.0.0/0");
                    json.writeString("::/0");
                } else {
                    for (String block : Describe.blocks(zone, zone.addresses(), inventory)) {
                        json.writeString(block);
                    }
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayPropertyStart("connections");
            for (Connection connection : reachability.connections()) {
                connection(json, connection, inventory);
            }
            json.writeEndArray();
            json.writeArrayPropertyStart("groups");
            for (GroupConnection group : reachability.groups()) {
                json.writeStartObject();
                json.writeStringProperty("from", group.from().id());
                json.writeStringProperty("to", group.to().id());
                json.writeNumberProperty("zonePairs", group.zonePairs());
                json.writeObjectPropertyStart("services");
                for (Protocol protocol : Protocol.values()) {
                    PortSet ports = group.services().get(protocol);
                    if (ports != null) {
                        json.writeStringProperty(protocol.name(), ports.toString());
                    }
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        try {
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void connection(JsonGenerator json, Connection connection, Inventory inventory) {
        json.writeStartObject();
        json.writeStringProperty("from", connection.from().name());
        json.writeStringProperty("to", connection.to().name());
        json.writeStringProperty("fromGroup", connection.from().group().id());
        json.writeStringProperty("toGroup", connection.to().group().id());
        json.writeBooleanProperty("cde", connection.touchesCde());
        json.writeBooleanProperty("fromOutside", connection.fromOutside());
        json.writeArrayPropertyStart("openings");
        for (Opening opening : connection.openings()) {
            json.writeStartObject();
            json.writeStringProperty("protocol", opening.protocol().name());
            json.writeStringProperty("ports", opening.ports().toString());
            json.writeArrayPropertyStart("portRanges");
            for (PortRange range : opening.ports().ranges()) {
                json.writeStartArray();
                json.writeNumber(range.first());
                json.writeNumber(range.last());
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeArrayPropertyStart("from");
            for (String block : Describe.blocks(connection.from(), opening.from(), inventory)) {
                json.writeString(block);
            }
            json.writeEndArray();
            json.writeArrayPropertyStart("to");
            for (String block : Describe.blocks(connection.to(), opening.to(), inventory)) {
                json.writeString(block);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
