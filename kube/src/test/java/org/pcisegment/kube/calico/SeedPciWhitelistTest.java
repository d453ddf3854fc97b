package org.pcisegment.kube.calico;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.pcisegment.kube.analysis.CdeCriteria;
import org.pcisegment.kube.analysis.Connection;
import org.pcisegment.kube.analysis.Connectivity;
import org.pcisegment.kube.analysis.ConnectivityAnalyzer;
import org.pcisegment.kube.analysis.Peer;
import org.pcisegment.kube.manifest.Cluster;
import org.pcisegment.kube.manifest.ManifestReader;

/**
 * Seed 003 promises that with its GlobalNetworkPolicy "only the pods labeled with PCI=true will be
 * able to exchange information". Checked here on a storefront: no connection between a PCI=true pod
 * and any other pod, except the DNS lookups the policy allows explicitly.
 */
class SeedPciWhitelistTest {
    private static final CdeCriteria PCI = new CdeCriteria(List.of(new CdeCriteria.Label("PCI", "true")));

    private static Path dir() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(SeedPciWhitelistTest.class.getResource("/calico/storefront"))
                .toURI());
    }

    /** Connections between a PCI pod and a non-PCI pod, other than DNS to kube-dns. */
    private static List<Connection> broken(Connectivity connectivity) {
        Cluster cluster = connectivity.cluster();
        return connectivity.connections().stream()
                .filter(c -> c.source() instanceof Peer.WorkloadPeer && c.destination() instanceof Peer.WorkloadPeer)
                .filter(c -> PCI.isCde(cluster, c.source()) != PCI.isCde(cluster, c.destination()))
                .filter(c -> !(PCI.isCde(cluster, c.source())
                        && c.destination().display().equals("kube-system/coredns[Deployment]")
                        && c.connections().toString().equals("UDP 53")))
                .toList();
    }

    @Test
    void onlyPciPodsExchangeTrafficUnderTheSeedPolicy() throws Exception {
        Connectivity connectivity = ConnectivityAnalyzer.analyze(ManifestReader.read(List.of(dir().toString())));

        assertThat(broken(connectivity)).isEmpty();
        assertThat(connectivity.lines())
                .contains(
                        "storefront/frontend[Deployment] => storefront/backend[Deployment] : All Connections",
                        "storefront/backend[Deployment] => storefront/payments[Deployment] : All Connections",
                        "storefront/payments[Deployment] => kube-system/coredns[Deployment] : UDP 53")
                .doesNotContain(
                        "storefront/logging[Deployment] => storefront/payments[Deployment] : All Connections",
                        "storefront/payments[Deployment] => storefront/logging[Deployment] : All Connections",
                        "tools/bastion[Deployment] => storefront/frontend[Deployment] : All Connections");
    }

    @Test
    void withoutThePolicyThePromiseIsBroken() throws Exception {
        Cluster cluster =
                ManifestReader.read(List.of(dir().resolve("storefront.yaml").toString()));

        assertThat(broken(ConnectivityAnalyzer.analyze(cluster))).isNotEmpty();
    }

    @Test
    void theSeedPolicyLeavesNonPciTrafficAndTheOutsideAlone() throws Exception {
        Connectivity connectivity = ConnectivityAnalyzer.analyze(ManifestReader.read(List.of(dir().toString())));

        // Selectors only match endpoints: traffic from outside the cluster passes to the default
        // tier, where nothing else applies. The seed's promise is about pods only.
        assertThat(connectivity.lines())
                .contains(
                        "0.0.0.0-255.255.255.255[External] => storefront/payments[Deployment] : All Connections",
                        "storefront/payments[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
                        "tools/bastion[Deployment] => storefront/logging[Deployment] : All Connections");
        assertThat(connectivity.notes())
                .anySatisfy(n -> assertThat(n.message()).contains("tier 'security' is not declared"));
    }
}
