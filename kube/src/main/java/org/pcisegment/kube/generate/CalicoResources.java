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

    /** Calico orders are floats; we only write whole numbers. */
    public record TierSpec(int order) {}

    /** A NetworkPolicy (namespaced) or GlobalNetworkPolicy. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Policy(String apiVersion, String kind, ResourceMetadata metadata, PolicySpec spec) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record PolicySpec(
            String tier,
            int order,
            String selector,
            Optional<String> namespaceSelector,
            List<String> types,
            List<Rule> ingress,
            List<Rule> egress) {
        public PolicySpec {
            namespaceSelector = Absent.optional(namespaceSelector);
            types = Absent.list(types);
            ingress = Absent.list(ingress);
            egress = Absent.list(egress);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Rule(
            String action, Optional<String> protocol, Optional<Entity> source, Optional<Entity> destination) {
        public Rule {
            protocol = Absent.optional(protocol);
            source = Absent.optional(source);
            destination = Absent.optional(destination);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Entity(
            Optional<String> selector, Optional<String> namespaceSelector, List<String> nets, List<String> ports) {
        public Entity {
            selector = Absent.optional(selector);
            namespaceSelector = Absent.optional(namespaceSelector);
            nets = Absent.list(nets);
            ports = Absent.list(ports);
        }

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
