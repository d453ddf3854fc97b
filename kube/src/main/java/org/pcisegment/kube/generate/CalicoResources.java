package org.pcisegment.kube.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * The {@code projectcalico.org/v3} resources {@code kube generate --target calico} writes, as typed
 * records (no Calico model library is published on Maven Central): serialized and read back with
 * Jackson, never assembled as text.
 */
public final class CalicoResources {
    public static final String API_VERSION = "projectcalico.org/v3";

    private CalicoResources() {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Tier(String apiVersion, String kind, ResourceMetadata metadata, TierSpec spec) {}

    public record TierSpec(double order) {}

    /** A NetworkPolicy (namespaced) or GlobalNetworkPolicy. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Policy(String apiVersion, String kind, ResourceMetadata metadata, PolicySpec spec) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record PolicySpec(
            String tier,
            double order,
            String selector,
            Optional<String> namespaceSelector,
            List<String> types,
            List<Rule> ingress,
            List<Rule> egress) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Rule(
            String action, Optional<String> protocol, Optional<Entity> source, Optional<Entity> destination) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Entity(
            Optional<String> selector, Optional<String> namespaceSelector, List<String> nets, List<String> ports) {

        public static Entity selector(String selector) {
            return new Entity(Optional.of(selector), Optional.empty(), List.of(), List.of());
        }

        public static Entity nets(List<String> nets) {
            return new Entity(Optional.empty(), Optional.empty(), nets, List.of());
        }

        public Entity withPorts(List<String> ports) {
            return new Entity(selector, namespaceSelector, nets, ports);
        }
    }
}
