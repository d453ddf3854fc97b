package org.pcisegment.kube.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cilium.io/v2} CiliumNetworkPolicy {@code kube generate --target cilium} writes, as
 * typed records serialized with Jackson (no Cilium model library is on Maven Central).
 */
public final class CiliumResources {
    public static final String API_VERSION = "cilium.io/v2";

    private CiliumResources() {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Policy(String apiVersion, String kind, ResourceMetadata metadata, Spec spec) {}

    /** Default deny is set explicitly per direction (Cilium 1.15+), like policyTypes. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Spec(
            Optional<String> description,
            EndpointSelector endpointSelector,
            DefaultDeny enableDefaultDeny,
            List<Rule> ingress,
            List<Rule> egress) {
        public Spec {
            description = Absent.optional(description);
            ingress = Absent.list(ingress);
            egress = Absent.list(egress);
        }
    }

    public record DefaultDeny(boolean ingress, boolean egress) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record EndpointSelector(Map<String, String> matchLabels, List<Expression> matchExpressions) {
        public EndpointSelector {
            matchLabels = Absent.map(matchLabels);
            matchExpressions = Absent.list(matchExpressions);
        }
    }

    public record Expression(String key, String operator, List<String> values) {
        public Expression {
            values = Absent.list(values);
        }
    }

    /** One rule: endpoints or address blocks (each rule uses one kind), and the ports. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Rule(
            List<EndpointSelector> fromEndpoints,
            @JsonProperty("fromCIDRSet") List<CidrRule> fromCidrSet,
            List<EndpointSelector> toEndpoints,
            @JsonProperty("toCIDRSet") List<CidrRule> toCidrSet,
            List<PortRule> toPorts) {
        public Rule {
            fromEndpoints = Absent.list(fromEndpoints);
            fromCidrSet = Absent.list(fromCidrSet);
            toEndpoints = Absent.list(toEndpoints);
            toCidrSet = Absent.list(toCidrSet);
            toPorts = Absent.list(toPorts);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CidrRule(String cidr, List<String> except) {
        public CidrRule {
            except = Absent.list(except);
        }
    }

    public record PortRule(List<Port> ports) {
        public PortRule {
            ports = Absent.list(ports);
        }
    }

    /** {@code port: "0"} is every port of the protocol. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Port(String port, Optional<Integer> endPort, String protocol) {
        public Port {
            endPort = Absent.optional(endPort);
        }
    }
}
