package org.pcisegment.report;

import java.util.List;

/**
 * The reachability the analysis computed, in the terms a report prints: zones (inventory workloads
 * and the world outside the inventory), what can reach what on which services, and which CDE
 * workloads the outside can reach. Built from the analysis only: reports never recompute it.
 */
public record NetworkView(List<Zone> zones, List<Reach> reachability, List<String> exposedCde) {

    /** What a zone stands for. */
    public enum Kind {
        WORKLOAD,
        OUTSIDE
    }

    /** A node of the diagrams: an inventory workload or the outside world. */
    public record Zone(String id, String label, Kind kind, boolean cde, List<String> addresses) {
        public Zone {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * One allowed path: traffic from zone {@code from} to zone {@code to} on {@code services}
     * ("tcp 443", "udp 53"), with the policy rules that allow it.
     */
    public record Reach(
            String from, String to, String services, boolean intoCde, boolean outOfCde, List<String> rules) {
        public Reach {
            rules = List.copyOf(rules);
        }

        public boolean touchesCde() {
            return intoCde || outOfCde;
        }
    }

    public NetworkView {
        zones = List.copyOf(zones);
        reachability = List.copyOf(reachability);
        exposedCde = List.copyOf(exposedCde);
    }

    public List<Reach> intoCde() {
        return reachability.stream().filter(Reach::intoCde).toList();
    }

    public List<Reach> outOfCde() {
        return reachability.stream().filter(Reach::outOfCde).toList();
    }
}
