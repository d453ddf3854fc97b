package org.pcisegment.core.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.policy.Located;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.YamlList;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlValue;

/**
 * Reads a {@code kind: Inventory} document. The inventory is the trusted source of truth, so
 * anything wrong in it is an input error (exit 2), not a finding.
 */
public final class InventoryParser {
    public static final String KIND = "Inventory";

    private static final Set<String> METADATA_FIELDS = Set.of("name", "labels", "annotations");
    private static final Set<String> SPEC_FIELDS = Set.of("workloads");
    private static final Set<String> WORKLOAD_FIELDS = Set.of("name", "addresses", "labels");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private InventoryParser() {}

    public static List<Workload> parse(YamlMap document) {
        document.requireKnownKeys(PolicyParser.TOP_FIELDS, "an Inventory");
        Located<String> apiVersion = PolicyParser.located(document, "apiVersion");
        if (!apiVersion.value().equals(Policy.API_VERSION)) {
            throw new InputException(
                    apiVersion.span(),
                    "Inventory has apiVersion '" + apiVersion.value() + "'; expected '" + Policy.API_VERSION + "'");
        }
        document.map("metadata").ifPresent(m -> m.requireKnownKeys(METADATA_FIELDS, "metadata"));
        YamlMap spec = document.map("spec").orElseThrow(() -> document.missing("spec", "Inventory"));
        spec.requireKnownKeys(SPEC_FIELDS, "Inventory spec");
        YamlList list =
                spec.list("workloads", "spec.workloads").orElseThrow(() -> spec.missing("workloads", "Inventory spec"));
        if (list.items().isEmpty()) {
            // An empty inventory would silently turn off every check that needs one.
            throw new InputException(list.span(), "the Inventory lists no workloads; list at least one");
        }
        List<Workload> workloads = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            workloads.add(workload(list.items().get(i), "spec.workloads[" + i + "]"));
        }
        return workloads;
    }

    private static Workload workload(YamlValue item, String where) {
        YamlMap map = YamlMap.asMap(item, where);
        map.requireKnownKeys(WORKLOAD_FIELDS, where + " (a workload)");
        String name = map.requiredString("name", where);
        if (name.length() > 253 || !NAME.matcher(name).matches()) {
            throw new InputException(
                    map.get("name").orElseThrow().span(),
                    "workload name '"
                            + name
                            + "' is invalid; expected lower-case letters, digits, '-' and '.', beginning and"
                            + " ending with a letter or digit");
        }
        YamlList addressList =
                map.list("addresses", where + ".addresses").orElseThrow(() -> map.missing("addresses", where));
        if (addressList.items().isEmpty()) {
            throw new InputException(addressList.span(), "workload '" + name + "' has no addresses; list at least one");
        }
        List<Cidr> addresses = new ArrayList<>();
        for (YamlValue value : addressList.items()) {
            String text = YamlMap.asString(value, where + ".addresses[]");
            switch (Cidr.parse(text, true)) {
                case Cidr.Valid valid -> {
                    if (valid.cidr().hasHostBits()) {
                        throw new InputException(
                                value.span(),
                                "address '"
                                        + text
                                        + "' has host bits set beyond /"
                                        + valid.cidr().prefixLength()
                                        + "; write "
                                        + valid.cidr().canonical());
                    }
                    addresses.add(valid.cidr());
                }
                case Cidr.Invalid invalid -> throw new InputException(value.span(), invalid.reason());
            }
        }
        Map<String, String> labels = PolicyParser.labels(map, "labels", where + ".labels");
        return new Workload(name, addresses, labels, map.span());
    }
}
