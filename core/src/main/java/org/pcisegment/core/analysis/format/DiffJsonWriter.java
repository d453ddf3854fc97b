package org.pcisegment.core.analysis.format;

import org.pcisegment.core.analysis.ConnectionChange;
import org.pcisegment.core.analysis.Reachability;
import org.pcisegment.core.analysis.ReachabilityDiff;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.net.PortRange;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code diff --format json}: old and new (hashes, counts), opensCdeAccess, summary, changes[]
 * (change: added|removed, from, to, groups, cde, intoCde, protocol, ports, from/to blocks).
 */
public final class DiffJsonWriter {
    private DiffJsonWriter() {}

    public static String write(ReachabilityDiff diff, String toolVersion) {
        ObjectNode root = Json.object();
        root.put("tool", "pci-segment");
        root.put("version", toolVersion);
        root.set("old", version(diff.before()));
        root.set("new", version(diff.after()));
        root.put("opensCdeAccess", diff.opensCdeAccess());
        ObjectNode summary = root.putObject("summary");
        summary.put("added", diff.count(ConnectionChange.Kind.ADDED));
        summary.put("removed", diff.count(ConnectionChange.Kind.REMOVED));
        summary.put(
                "addedIntoCde",
                diff.changes().stream().filter(ConnectionChange::opensCdeAccess).count());
        ArrayNode changes = root.putArray("changes");
        for (ConnectionChange change : diff.changes()) {
            Inventory inventory = (change.kind() == ConnectionChange.Kind.ADDED ? diff.after() : diff.before())
                    .ruleSet()
                    .inventory();
            ObjectNode node = changes.addObject();
            node.put("change", change.kind() == ConnectionChange.Kind.ADDED ? "added" : "removed");
            node.put("from", change.from().name());
            node.put("to", change.to().name());
            node.put("fromGroup", change.from().group().id());
            node.put("toGroup", change.to().group().id());
            node.put("cde", change.touchesCde());
            node.put("intoCde", change.opensCdeAccess());
            node.put("protocol", change.opening().protocol().name());
            node.put("ports", change.opening().ports().toString());
            ArrayNode portRanges = node.putArray("portRanges");
            for (PortRange range : change.opening().ports().ranges()) {
                portRanges.addArray().add(range.first()).add(range.last());
            }
            ArrayNode from = node.putArray("fromAddresses");
            Describe.blocks(change.from(), change.opening().from(), inventory).forEach(from::add);
            ArrayNode to = node.putArray("toAddresses");
            Describe.blocks(change.to(), change.opening().to(), inventory).forEach(to::add);
        }
        return Json.write(root);
    }

    private static ObjectNode version(Reachability reachability) {
        ObjectNode node = Json.object();
        node.put("policySetSha256", reachability.ruleSet().policySet().sha256());
        node.put("ruleSetSha256", reachability.ruleSet().sha256());
        node.put("policies", reachability.ruleSet().policySet().policies().size());
        node.put("workloads", reachability.ruleSet().inventory().workloads().size());
        node.put("connections", reachability.connections().size());
        return node;
    }
}
