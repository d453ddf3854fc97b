package org.pcisegment.cloud.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * EC2 security groups through the AWS SDK v2 with the JDK URLConnection HTTP client. Credentials
 * come from the SDK's default chain (system properties, environment, web identity, profiles,
 * container and instance metadata): this class never sees them. Throttling ({@code
 * RequestLimitExceeded}), 5xx answers and I/O errors are retried by the SDK's standard strategy with
 * the configured attempts and exponential backoff.
 */
public final class AwsProvider implements CloudProvider {
    private static final Set<String> ALREADY_DONE =
            Set.of("InvalidPermission.Duplicate", "InvalidPermission.NotFound", "InvalidGroup.NotFound");

    private final AwsRules rules = new AwsRules();
    private final CloudConfig config;
    private final Ec2Client ec2;
    private final String vpc;

    private AwsProvider(CloudConfig config, Ec2Client ec2) {
        this.config = config;
        this.ec2 = ec2;
        this.vpc = config.vpc().orElseThrow(() -> new IllegalArgumentException("an AWS config names a VPC"));
    }

    /** A provider for an AWS cloud config; the client uses the SDK's default credential chain. */
    public static AwsProvider open(CloudConfig config) {
        CloudConfig.Retry retry = config.retry();
        StandardRetryStrategy strategy = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(retry.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxDelay()))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxDelay()))
                // One sync makes few calls: let each use all its attempts rather than a shared token bucket.
                .circuitBreakerEnabled(false)
                .build();
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(Region.of(config.region().orElseThrow()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(strategy)
                        .build());
        config.endpoint().ifPresent(builder::endpointOverride);
        return new AwsProvider(config, builder.build());
    }

    @Override
    public ProviderRules rules() {
        return rules;
    }

    // ---- reading -----------------------------------------------------------------------------

    @Override
    public CloudState read() {
        Filter inVpc = Filter.builder().name("vpc-id").values(vpc).build();
        List<CloudState.Group> groups = new ArrayList<>();
        for (SecurityGroup group : ec2.describeSecurityGroupsPaginator(DescribeSecurityGroupsRequest.builder()
                        .filters(inVpc)
                        .maxResults(100)
                        .build())
                .securityGroups()) {
            List<CloudRule> read = new ArrayList<>();
            group.ipPermissions().forEach(p -> flatten(Direction.INGRESS, p, read));
            group.ipPermissionsEgress().forEach(p -> flatten(Direction.EGRESS, p, read));
            read.sort(CloudRule.ORDER);
            groups.add(new CloudState.Group(group.groupId(), group.groupName(), tags(group.tags()), read, List.of()));
        }
        List<CloudState.Instance> instances = new ArrayList<>();
        Filter live = Filter.builder()
                .name("instance-state-name")
                .values("pending", "running", "stopping", "stopped")
                .build();
        for (Reservation reservation : ec2.describeInstancesPaginator(DescribeInstancesRequest.builder()
                        .filters(inVpc, live)
                        .maxResults(100)
                        .build())
                .reservations()) {
            for (Instance instance : reservation.instances()) {
                Map<String, String> tags = tags(instance.tags());
                instances.add(new CloudState.Instance(
                        instance.instanceId(),
                        tags.getOrDefault("Name", ""),
                        tags,
                        instance.securityGroups().stream()
                                .map(GroupIdentifier::groupId)
                                .toList()));
            }
        }
        return new CloudState(groups, instances);
    }

    /** One permission (protocol, ports, several peers) becomes one rule per peer. */
    private static void flatten(Direction direction, IpPermission permission, List<CloudRule> out) {
        String protocol = AwsRules.neutralProtocol(permission.ipProtocol());
        boolean ports = AwsRules.hasPorts(protocol) && permission.fromPort() != null && permission.toPort() != null;
        int from = ports ? permission.fromPort() : -1;
        int to = ports ? permission.toPort() : -1;
        for (IpRange range : permission.ipRanges()) {
            out.add(AwsRules.rule(direction, protocol, from, to, canonical(range.cidrIp()), text(range.description())));
        }
        for (Ipv6Range range : permission.ipv6Ranges()) {
            out.add(AwsRules.rule(
                    direction, protocol, from, to, canonical(range.cidrIpv6()), text(range.description())));
        }
        for (UserIdGroupPair pair : permission.userIdGroupPairs()) {
            out.add(AwsRules.rule(direction, protocol, from, to, pair.groupId(), text(pair.description())));
        }
        for (PrefixListId list : permission.prefixListIds()) {
            out.add(AwsRules.rule(direction, protocol, from, to, list.prefixListId(), text(list.description())));
        }
    }

    private static String canonical(String cidr) {
        return switch (Cidr.parse(cidr, true)) {
            case Cidr.Valid valid -> valid.cidr().canonical();
            case Cidr.Invalid invalid -> cidr;
        };
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    // ---- changing ----------------------------------------------------------------------------

    @Override
    public void apply(Change change, GroupIds ids) {
        try {
            switch (change) {
                case Change.CreateGroup create -> {
                    String id = ec2.createSecurityGroup(b -> b.groupName(create.group())
                                    .description(create.description())
                                    .vpcId(vpc)
                                    .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP)
                                            .tags(create.tags().entrySet().stream()
                                                    .map(e -> Tag.builder()
                                                            .key(e.getKey())
                                                            .value(e.getValue())
                                                            .build())
                                                    .toList())))
                            .groupId();
                    ids.put(create.group(), id);
                }
                case Change.AddRule add -> {
                    String id = ids.resolve(add.group());
                    IpPermission permission = permission(add.rule());
                    if (add.rule().direction() == Direction.INGRESS) {
                        ec2.authorizeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(permission));
                    } else {
                        ec2.authorizeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(permission));
                    }
                }
                case Change.RemoveRule remove -> {
                    String id = ids.resolve(remove.group());
                    IpPermission permission = permission(remove.rule());
                    if (remove.rule().direction() == Direction.INGRESS) {
                        ec2.revokeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(permission));
                    } else {
                        ec2.revokeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(permission));
                    }
                }
                case Change.ReplaceRule replace ->
                    throw new IllegalStateException("AWS rules are named by their content and are never rewritten");
                case Change.SetInstanceGroups set ->
                    ec2.modifyInstanceAttribute(b -> b.instanceId(set.instanceId())
                            .groups(set.after().stream().map(ids::resolve).toList()));
                case Change.DeleteGroup delete -> ec2.deleteSecurityGroup(b -> b.groupId(delete.id()));
            }
        } catch (Ec2Exception e) {
            // A step whose request reached AWS before a lost answer is already done: a re-run converges.
            String code = Optional.ofNullable(e.awsErrorDetails())
                    .map(d -> d.errorCode())
                    .orElse("");
            if (!ALREADY_DONE.contains(code) || change instanceof Change.CreateGroup) {
                String message = Optional.ofNullable(e.awsErrorDetails())
                        .map(d -> d.errorMessage())
                        .orElse(e.getMessage());
                throw new CloudOperationException(
                        (code.isEmpty() ? "" : code + ": ") + message + " (HTTP " + e.statusCode() + ", request "
                                + e.requestId() + ")",
                        e);
            }
        }
    }

    /** The EC2 permission for one rule: its protocol, ports and one peer. */
    static IpPermission permission(CloudRule rule) {
        IpPermission.Builder builder = IpPermission.builder().ipProtocol(AwsRules.wireProtocol(rule.protocol()));
        if (rule.fromPort() >= 0) {
            builder.fromPort(rule.fromPort()).toPort(rule.toPort());
        }
        String peer = rule.peer();
        String description = rule.description().isEmpty() ? null : rule.description();
        if (peer.startsWith("sg-")) {
            builder.userIdGroupPairs(UserIdGroupPair.builder().groupId(peer).build());
        } else if (peer.startsWith("pl-")) {
            builder.prefixListIds(PrefixListId.builder().prefixListId(peer).build());
        } else if (peer.indexOf(':') >= 0) {
            builder.ipv6Ranges(
                    Ipv6Range.builder().cidrIpv6(peer).description(description).build());
        } else {
            builder.ipRanges(
                    IpRange.builder().cidrIp(peer).description(description).build());
        }
        return builder.build();
    }

    @Override
    public void close() {
        ec2.close();
    }
}
