package org.pcisegment.report;

import java.util.List;
import org.pcisegment.report.NetworkView.Kind;
import org.pcisegment.report.NetworkView.Reach;
import org.pcisegment.report.NetworkView.Zone;

/** A network view laid out by hand, to test the writers' drawing of what the analysis hands them. */
final class SampleNetwork {
    private SampleNetwork() {}

    static NetworkView examples() {
        return new NetworkView(
                List.of(
                        new Zone("outside", "Outside the inventory", Kind.OUTSIDE, false, List.of()),
                        new Zone("payment-api", "payment-api", Kind.WORKLOAD, true, List.of("10.0.1.10")),
                        new Zone("payment-db", "payment-db", Kind.WORKLOAD, true, List.of("10.0.1.20")),
                        new Zone("web-frontend", "web-frontend", Kind.WORKLOAD, false, List.of("10.0.2.10")),
                        new Zone("monitoring", "monitoring", Kind.WORKLOAD, false, List.of("10.0.20.5")),
                        new Zone("dns-resolver", "dns-resolver", Kind.WORKLOAD, false, List.of("10.0.0.53"))),
                List.of(
                        new Reach("web-frontend", "payment-api", "tcp 443", true, false, List.of("cde-payment-api")),
                        new Reach("monitoring", "payment-api", "tcp 9090", true, false, List.of("cde-isolation")),
                        new Reach("payment-api", "payment-db", "tcp 5432", false, false, List.of("cde-database")),
                        new Reach("payment-api", "dns-resolver", "udp 53", false, true, List.of("cde-payment-api")),
                        new Reach("payment-api", "outside", "tcp 443", false, true, List.of("cde-isolation")),
                        new Reach("outside", "web-frontend", "tcp 443", false, false, List.of())),
                List.of());
    }
}
