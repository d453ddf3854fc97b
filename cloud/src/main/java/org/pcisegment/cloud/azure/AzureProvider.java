package org.pcisegment.cloud.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.cloud.Applier;
import org.pcisegment.cloud.Change;
import org.pcisegment.cloud.CloudConfig;
import org.pcisegment.cloud.CloudOperationException;
import org.pcisegment.cloud.CloudProvider;
import org.pcisegment.cloud.CloudRule;
import org.pcisegment.cloud.CloudState;
import org.pcisegment.cloud.GroupIds;
import org.pcisegment.cloud.ProviderRules;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.policy.Direction;

/**
 * Azure NSGs and NICs through {@code azure-resourcemanager-network} (the management-plane inner
 * clients, which map one to one onto ARM REST calls) over the JDK HTTP client. Credentials come
 * from {@code DefaultAzureCredential} (environment, workload identity, managed identity, Azure CLI,
 * ...): this class never sees a secret. 429 and 5xx answers and I/O errors are retried by the
 * pipeline's exponential backoff, which honours Retry-After.
 *
 * <p>Scope: the NSGs of the resource group, and the NICs of the resource group with an IP
 * configuration in a subnet of the configured VNet. "Instances" are NICs: their tags are matched
 * against policy selectors, and each gets at most one NSG.
 */
public final class AzureProvider implements CloudProvider {
    private final AzureRules rules = new AzureRules();
    private final NetworkManagementClient client;
    private final String resourceGroup;
    private final String location;
    private final String vnetSegment;
    /** The NICs as read, so an NSG change rewrites the NIC as it is. */
    private final Map<String, NetworkInterfaceInner> nics = new HashMap<>();

    private AzureProvider(CloudConfig config, NetworkManagementClient client) {
        this.client = client;
        this.resourceGroup = config.resourceGroup().orElseThrow();
        this.location = config.location().orElseThrow();
        this.vnetSegment = "/virtualnetworks/" + config.vnet().orElseThrow().toLowerCase(Locale.ROOT) + "/";
    }

    /** A provider using {@code DefaultAzureCredential} and the JDK HTTP client. */
    public static AzureProvider open(CloudConfig config) {
        return open(
                config,
                new DefaultAzureCredentialBuilder().build(),
                new JdkHttpClientBuilder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .responseTimeout(Duration.ofSeconds(60))
                        .build());
    }

    /** A provider with a given credential and HTTP client (tests pass a fixed token and a client trusting their server). */
    public static AzureProvider open(CloudConfig config, TokenCredential credential, HttpClient httpClient) {
        AzureEnvironment environment = config.endpoint()
                .map(uri -> {
                    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
                    String base = uri.toString().endsWith("/") ? uri.toString() : uri + "/";
                    endpoints.put("resourceManagerEndpointUrl", base);
                    return new AzureEnvironment(endpoints);
                })
                .orElse(AzureEnvironment.AZURE);
        AzureProfile profile = new AzureProfile(null, config.subscription().orElseThrow(), environment);
        CloudConfig.Retry retry = config.retry();
        NetworkManager manager = NetworkManager.configure()
                .withHttpClient(httpClient)
                .withLogLevel(HttpLogDetailLevel.NONE)
                .withRetryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(retry.maxAttempts() - 1)
                        .setBaseDelay(retry.baseDelay())
                        .setMaxDelay(retry.maxDelay())))
                .authenticate(credential, profile);
        return new AzureProvider(config, manager.serviceClient());
    }

    @Override
    public ProviderRules rules() {
        return rules;
    }

    // ---- reading -----------------------------------------------------------------------------

    @Override
    public CloudState read() {
        List<CloudState.Group> groups = new ArrayList<>();
        for (NetworkSecurityGroupInner nsg : client.getNetworkSecurityGroups().listByResourceGroup(resourceGroup)) {
            groups.add(new CloudState.Group(
                    nsg.id(),
                    nsg.name(),
                    nsg.tags() == null ? Map.of() : nsg.tags(),
                    flatten(nsg.securityRules()),
                    flatten(nsg.defaultSecurityRules())));
        }
        List<CloudState.Instance> instances = new ArrayList<>();
        nics.clear();
        for (NetworkInterfaceInner nic : client.getNetworkInterfaces().listByResourceGroup(resourceGroup)) {
            if (!inVnet(nic)) {
                continue;
            }
            nics.put(nic.id(), nic);
            List<String> nsgs = nic.networkSecurityGroup() == null
                            || nic.networkSecurityGroup().id() == null
                    ? List.of()
                    : List.of(nic.networkSecurityGroup().id());
            instances.add(
                    new CloudState.Instance(nic.id(), nic.name(), nic.tags() == null ? Map.of() : nic.tags(), nsgs));
        }
        return new CloudState(groups, instances);
    }

    private boolean inVnet(NetworkInterfaceInner nic) {
        if (nic.ipConfigurations() == null) {
            return false;
        }
        for (NetworkInterfaceIpConfigurationInner ip : nic.ipConfigurations()) {
            if (ip.subnet() != null
                    && ip.subnet().id() != null
                    && ip.subnet().id().toLowerCase(Locale.ROOT).contains(vnetSegment)) {
                return true;
            }
        }
        return false;
    }

    /**
     * NSG rules as neutral rules. A rule listing several prefixes or port ranges becomes one neutral
     * rule per combination, named "name#n" after the first, so that each can be compared; removing
     * any of them removes the Azure rule.
     */
    static List<CloudRule> flatten(List<SecurityRuleInner> rules) {
        List<CloudRule> out = new ArrayList<>();
        if (rules == null) {
            return out;
        }
        for (SecurityRuleInner rule : rules) {
            Direction direction =
                    SecurityRuleDirection.OUTBOUND.equals(rule.direction()) ? Direction.EGRESS : Direction.INGRESS;
            CloudRule.Access access =
                    SecurityRuleAccess.DENY.equals(rule.access()) ? CloudRule.Access.DENY : CloudRule.Access.ALLOW;
            String protocol = AzureRules.neutralProtocol(
                    rule.protocol() == null ? "*" : rule.protocol().toString());
            List<String> peers = direction == Direction.INGRESS
                    ? values(rule.sourceAddressPrefix(), rule.sourceAddressPrefixes())
                    : values(rule.destinationAddressPrefix(), rule.destinationAddressPrefixes());
            if (peers.isEmpty()) {
                peers = List.of("application-security-group");
            }
            List<String> ports = values(rule.destinationPortRange(), rule.destinationPortRanges());
            if (ports.isEmpty()) {
                ports = List.of("*");
            }
            int priority = rule.priority() == null ? 0 : rule.priority();
            int part = 0;
            for (String peer : peers) {
                for (String range : ports) {
                    int[] bounds = bounds(protocol, range);
                    String name = part == 0 ? rule.name() : rule.name() + "#" + part;
                    part++;
                    out.add(new CloudRule(
                            name,
                            direction,
                            access,
                            protocol,
                            bounds[0],
                            bounds[1],
                            canonical(peer),
                            priority,
                            rule.description() == null ? "" : rule.description()));
                }
            }
        }
        out.sort(CloudRule.ORDER);
        return out;
    }

    private static List<String> values(String single, List<String> several) {
        List<String> values = new ArrayList<>();
        if (single != null && !single.isEmpty()) {
            values.add(single);
        }
        if (several != null) {
            values.addAll(several);
        }
        return values;
    }

    private static int[] bounds(String protocol, String range) {
        if (protocol.equals("all") || range.equals("*")) {
            return protocol.equals("all") ? new int[] {-1, -1} : new int[] {0, 65535};
        }
        int dash = range.indexOf('-');
        try {
            return dash < 0
                    ? new int[] {Integer.parseInt(range), Integer.parseInt(range)}
                    : new int[] {Integer.parseInt(range.substring(0, dash)), Integer.parseInt(range.substring(dash + 1))
                    };
        } catch (NumberFormatException e) {
            return new int[] {0, 65535};
        }
    }

    private static String canonical(String prefix) {
        if (prefix.equals("*")) {
            return CloudRule.ANY;
        }
        return switch (Cidr.parse(prefix, true)) {
            case Cidr.Valid valid -> valid.cidr().canonical();
            case Cidr.Invalid invalid -> prefix;
        };
    }

    // ---- changing ----------------------------------------------------------------------------

    @Override
    public void apply(Change change, GroupIds ids) {
        try {
            applyOnce(change, ids);
        } catch (ManagementException e) {
            String code = e.getValue() == null
                    ? ""
                    : e.getValue().getCode() + ": " + e.getValue().getMessage();
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            throw new CloudOperationException(
                    (code.isEmpty() ? Applier.firstLine(e) : code) + " (HTTP " + status + ")", e);
        }
    }

    private void applyOnce(Change change, GroupIds ids) {
        switch (change) {
            case Change.CreateGroup create -> {
                NetworkSecurityGroupInner nsg = client.getNetworkSecurityGroups()
                        .createOrUpdate(
                                resourceGroup,
                                create.group(),
                                new NetworkSecurityGroupInner()
                                        .withLocation(location)
                                        .withTags(new LinkedHashMap<>(create.tags())));
                ids.put(create.group(), nsg.id());
            }
            case Change.AddRule add -> putRule(add.group(), add.rule());
            case Change.ReplaceRule replace -> putRule(replace.group(), replace.after());
            case Change.RemoveRule remove -> {
                String name = remove.rule().name();
                int part = name.indexOf('#');
                try {
                    client.getSecurityRules()
                            .delete(resourceGroup, remove.group(), part < 0 ? name : name.substring(0, part));
                } catch (ManagementException e) {
                    if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
                        throw e;
                    }
                }
            }
            case Change.SetInstanceGroups set -> {
                NetworkInterfaceInner nic = Optional.ofNullable(nics.get(set.instanceId()))
                        .orElseThrow(() -> new IllegalStateException("NIC " + set.instanceId() + " was not read"));
                NetworkSecurityGroupInner nsg = set.after().isEmpty()
                        ? null
                        : new NetworkSecurityGroupInner()
                                .withId(ids.resolve(set.after().getFirst()));
                NetworkInterfaceInner updated = client.getNetworkInterfaces()
                        .createOrUpdate(resourceGroup, nic.name(), nic.withNetworkSecurityGroup(nsg));
                nics.put(updated.id(), updated);
            }
            case Change.DeleteGroup delete -> client.getNetworkSecurityGroups().delete(resourceGroup, delete.group());
        }
    }

    private void putRule(String group, CloudRule rule) {
        boolean inbound = rule.direction() == Direction.INGRESS;
        String peer = rule.peer();
        SecurityRuleInner inner = new SecurityRuleInner()
                .withProtocol(SecurityRuleProtocol.fromString(AzureRules.wireProtocol(rule.protocol())))
                .withAccess(rule.isAllow() ? SecurityRuleAccess.ALLOW : SecurityRuleAccess.DENY)
                .withDirection(inbound ? SecurityRuleDirection.INBOUND : SecurityRuleDirection.OUTBOUND)
                .withPriority(rule.priority())
                .withSourcePortRange("*")
                .withDestinationPortRange(AzureRules.wirePorts(rule))
                .withSourceAddressPrefix(inbound ? peer : "*")
                .withDestinationAddressPrefix(inbound ? "*" : peer)
                .withDescription(rule.description().isEmpty() ? null : rule.description());
        client.getSecurityRules().createOrUpdate(resourceGroup, group, rule.name(), inner);
    }

    @Override
    public void close() {
        // The JDK HTTP client holds no resources that outlive the JVM's use of it.
    }
}
