package org.pcisegment.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcisegment.core.testing.Inputs.inputError;
import static org.pcisegment.core.testing.Inputs.loadError;
import static org.pcisegment.core.testing.Inputs.policySet;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.source.SourceSpan;

class InventoryParserTest {
    private static final String HEAD = """
            apiVersion: pci-segment/v1
            kind: Inventory
            metadata: {name: payments}
            spec:
              workloads:
            """;

    @Test
    void readsTheShippedInventory() {
        Inventory inventory = PolicySetLoader.loadInventory(List.of("../examples/inventory.yaml"));
        assertThat(inventory.workloads())
                .extracting(Workload::name)
                .containsExactly("payment-api", "payment-db", "web-frontend", "monitoring", "dns-resolver", "office");
        assertThat(inventory.cdeWorkloads()).extracting(Workload::name).containsExactly("payment-api", "payment-db");
        Workload api = inventory.byName("payment-api").orElseThrow();
        assertThat(api.addresses()).containsExactly(Cidr.of("10.0.1.10/32"), Cidr.of("fd00:1::10/128"));
        assertThat(api.span()).isEqualTo(new SourceSpan("../examples/inventory.yaml", 9, 7));
        assertThat(inventory.workloadAt(IpAddress.parseOrThrow("10.0.30.77")))
                .map(Workload::name)
                .contains("office");
        assertThat(inventory.workloadAt(IpAddress.parseOrThrow("10.0.31.1"))).isEmpty();
    }

    @Test
    void reportsEachInventoryMistakeAtItsPosition() {
        assertThat(loadError(HEAD + "    - {name: a, addresses: [10.0.0.1]}\n    - {name: a, addresses: [10.0.0.2]}\n"))
                .isEqualTo("test.yaml:7:7: workload 'a' is defined twice (first at test.yaml:6:7); names must be"
                        + " unique");
        assertThat(loadError(
                        HEAD + "    - {name: a, addresses: [10.0.0.0/30]}\n    - {name: b, addresses: [10.0.0.2]}\n"))
                .isEqualTo("test.yaml:7:7: workload 'b' shares addresses 10.0.0.2/32 with workload 'a'"
                        + " (test.yaml:6:7); each address must belong to one workload");
        assertThat(loadError(HEAD + "    - {name: a, addresses: [10.0.0.256]}\n"))
                .isEqualTo("test.yaml:6:29: '10.0.0.256' is not an IPv4 or IPv6 address");
        assertThat(loadError(HEAD + "    - {name: a, addresses: [10.0.0.1/24]}\n"))
                .isEqualTo("test.yaml:6:29: address '10.0.0.1/24' has host bits set beyond /24; write 10.0.0.0/24");
        assertThat(loadError(HEAD + "    - {name: a}\n"))
                .isEqualTo("test.yaml:6:7: missing required field 'addresses' in spec.workloads[0]");
        assertThat(loadError(HEAD + "    - {name: a, addresses: []}\n"))
                .isEqualTo("test.yaml:6:28: workload 'a' has no addresses; list at least one");
        assertThat(loadError(HEAD + "    - {name: A_1, addresses: [10.0.0.1]}\n"))
                .startsWith("test.yaml:6:14: workload name 'A_1' is invalid");
        assertThat(loadError(HEAD.replace("  workloads:\n", "  workloads: []\n")))
                .isEqualTo("test.yaml:5:14: the Inventory lists no workloads; list at least one");
        assertThat(loadError(HEAD.replace("v1", "v2") + "    - {name: a, addresses: [10.0.0.1]}\n"))
                .isEqualTo("test.yaml:1:13: Inventory has apiVersion 'pci-segment/v2'; expected 'pci-segment/v1'");
    }

    @Test
    void theInventoryFlagTakesOnlyInventories() {
        String policy =
                "apiVersion: pci-segment/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelector: {}}\n";
        assertThat(inputError(() -> PolicySetLoader.fromSources(
                                List.of(), List.of(org.pcisegment.core.testing.Inputs.source(policy))))
                        .located())
                .isEqualTo("test.yaml:1:1: --inventory expects documents of kind 'Inventory', found kind"
                        + " 'NetworkPolicy'");
    }

    @Test
    void addressesOfBothFamiliesAndBlocksIdentifyTheirWorkload() {
        Inventory inventory = policySet(HEAD + """
                    - name: db
                      addresses: ["2001:db8::20", 10.0.1.20, 10.0.9.0/24]
                      labels: {pci-env: cde}
                """).inventory();
        Workload db = inventory.workloads().getFirst();
        assertThat(db.isCde()).isTrue();
        assertThat(inventory.prefixesOf(db).toString()).isEqualTo("10.0.1.20/32,10.0.9.0/24,2001:db8::20/128");
        assertThat(inventory.workloadAt(IpAddress.parseOrThrow("2001:db8::20"))).contains(db);
    }
}
