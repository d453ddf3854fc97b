package org.pcisegment.cloud.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.pcisegment.cloud.FakeHttp;

/**
 * A local EC2 Query API endpoint with state, for the real SDK client: security groups with rules
 * and tags, instances with their groups, paging with NextToken, and injected faults (throttling,
 * server errors, refusals). Only the calls pci-segment makes are implemented; any other is a test
 * failure.
 */
public final class FakeEc2 implements AutoCloseable {
    /** One stored rule: protocol (as sent), ports, and one peer. */
    public record Rule(String protocol, int from, int to, String peer, String description) {
        boolean sameAs(Rule other) {
            return protocol.equals(other.protocol) && from == other.from && to == other.to && peer.equals(other.peer);
        }
    }

    public static final class Group {
        public final String id;
        public final String name;
        public final String description;
        public final String vpc;
        public final Map<String, String> tags = new LinkedHashMap<>();
        public final List<Rule> ingress = new ArrayList<>();
        public final List<Rule> egress = new ArrayList<>();

        Group(String id, String name, String description, String vpc) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.vpc = vpc;
        }
    }

    public static final class Instance {
        public final String id;
        public final String vpc;
        public final Map<String, String> tags = new LinkedHashMap<>();
        public final List<String> groups = new ArrayList<>();

        Instance(String id, String vpc) {
            this.id = id;
            this.vpc = vpc;
        }
    }

    public final FakeHttp.Faults faults = new FakeHttp.Faults();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> calls = new LinkedHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final int pageSize;
    private final HttpServer server;

    public FakeEc2(int pageSize) throws IOException {
        this.pageSize = pageSize;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- state set-up and inspection for tests ---------------------------------------------

    public synchronized Group addGroup(String name, String vpc, Map<String, String> tags) {
        Group group = new Group(String.format("sg-%017x", nextId.getAndIncrement()), name, name, vpc);
        group.tags.putAll(tags);
        group.egress.add(new Rule("-1", -1, -1, "0.0.0.0/0", ""));
        groups.put(group.id, group);
        return group;
    }

    public synchronized Instance addInstance(String vpc, Map<String, String> tags, String... groupIds) {
        Instance instance = new Instance(String.format("i-%017x", nextId.getAndIncrement()), vpc);
        instance.tags.putAll(tags);
        instance.groups.addAll(List.of(groupIds));
        instances.put(instance.id, instance);
        return instance;
    }

    public synchronized Optional<Group> groupNamed(String name) {
        return groups.values().stream().filter(g -> g.name.equals(name)).findFirst();
    }

    public synchronized Instance instance(String id) {
        return Objects.requireNonNull(instances.get(id));
    }

    public synchronized List<Group> groups() {
        return List.copyOf(groups.values());
    }

    public synchronized int calls(String action) {
        return calls.getOrDefault(action, new AtomicInteger()).get();
    }

    /** Calls that change state, all actions together. */
    public synchronized int mutatingCalls() {
        return calls.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("Describe"))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    // ---- the API ------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> p = FakeHttp.form(FakeHttp.body(exchange));
        String action = p.getOrDefault("Action", "");
        try {
            String answer;
            synchronized (this) {
                calls.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
                Optional<FakeHttp.Fault> fault = faults.next(action);
                if (fault.isPresent()) {
                    error(
                            exchange,
                            fault.get().status(),
                            fault.get().code(),
                            fault.get().message());
                    return;
                }
                answer = switch (action) {
                    case "DescribeSecurityGroups" -> describeSecurityGroups(p);
                    case "DescribeInstances" -> describeInstances(p);
                    case "CreateSecurityGroup" -> createSecurityGroup(p);
                    case "DeleteSecurityGroup" -> deleteSecurityGroup(p);
                    case "AuthorizeSecurityGroupIngress" -> authorize(p, true);
                    case "AuthorizeSecurityGroupEgress" -> authorize(p, false);
                    case "RevokeSecurityGroupIngress" -> revoke(p, true);
                    case "RevokeSecurityGroupEgress" -> revoke(p, false);
                    case "CreateTags" -> createTags(p);
                    case "ModifyInstanceAttribute" -> modifyInstanceAttribute(p);
                    default -> throw new FakeHttp.ApiError(400, "InvalidAction", "not implemented by the fake: " + p);
                };
            }
            FakeHttp.send(
                    exchange,
                    200,
                    "text/xml;charset=UTF-8",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action
                            + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>"
                            + java.util.UUID.randomUUID() + "</requestId>" + answer + "</" + action + "Response>");
        } catch (FakeHttp.ApiError e) {
            error(exchange, e.status, e.code, e.getMessage());
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        FakeHttp.send(
                exchange,
                status,
                "text/xml;charset=UTF-8",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                        + "</Code><Message>" + FakeHttp.xml(message) + "</Message></Error></Errors><RequestID>"
                        + java.util.UUID.randomUUID() + "</RequestID></Response>");
    }

    /** Values of "Prefix.1", "Prefix.2", ... */
    private static List<String> indexed(Map<String, String> p, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; p.containsKey(prefix + "." + i); i++) {
            values.add(p.get(prefix + "." + i));
        }
        return values;
    }

    /** Filter name to values, from Filter.N.Name and Filter.N.Value.M. */
    private static Map<String, List<String>> filters(Map<String, String> p) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (int i = 1; p.containsKey("Filter." + i + ".Name"); i++) {
            filters.put(p.get("Filter." + i + ".Name"), indexed(p, "Filter." + i + ".Value"));
        }
        return filters;
    }

    private <T> List<T> page(List<T> all, Map<String, String> p, StringBuilder out) {
        int start =
                p.containsKey("NextToken") ? Integer.parseInt(p.get("NextToken").substring("token-".length())) : 0;
        int max = Math.min(pageSize, Integer.parseInt(p.getOrDefault("MaxResults", "1000")));
        int end = Math.min(all.size(), start + max);
        if (end < all.size()) {
            out.append("<nextToken>token-").append(end).append("</nextToken>");
        }
        return all.subList(start, end);
    }

    private String describeSecurityGroups(Map<String, String> p) {
        Map<String, List<String>> filters = filters(p);
        List<String> ids = indexed(p, "GroupId");
        List<Group> matching = groups.values().stream()
                .filter(g ->
                        !filters.containsKey("vpc-id") || filters.get("vpc-id").contains(g.vpc))
                .filter(g -> ids.isEmpty() || ids.contains(g.id))
                .toList();
        StringBuilder next = new StringBuilder();
        StringBuilder out = new StringBuilder("<securityGroupInfo>");
        for (Group g : page(matching, p, next)) {
            out.append("<item><ownerId>123456789012</ownerId><groupId>")
                    .append(g.id)
                    .append("</groupId><groupName>")
                    .append(FakeHttp.xml(g.name))
                    .append("</groupName><groupDescription>")
                    .append(FakeHttp.xml(g.description))
                    .append("</groupDescription><vpcId>")
                    .append(g.vpc)
                    .append("</vpcId><ipPermissions>")
                    .append(permissions(g.ingress))
                    .append("</ipPermissions><ipPermissionsEgress>")
                    .append(permissions(g.egress))
                    .append("</ipPermissionsEgress>")
                    .append(tagSet(g.tags))
                    .append("</item>");
        }
        return out.append("</securityGroupInfo>").append(next).toString();
    }

    /** Rules grouped the way EC2 answers: one permission per (protocol, ports) with all its peers. */
    private static String permissions(List<Rule> rules) {
        Map<String, List<Rule>> byShape = new LinkedHashMap<>();
        for (Rule rule : rules) {
            byShape.computeIfAbsent(rule.protocol + "|" + rule.from + "|" + rule.to, k -> new ArrayList<>())
                    .add(rule);
        }
        StringBuilder out = new StringBuilder();
        for (List<Rule> shape : byShape.values()) {
            Rule first = shape.getFirst();
            out.append("<item><ipProtocol>").append(first.protocol).append("</ipProtocol>");
            if (first.from >= 0) {
                out.append("<fromPort>")
                        .append(first.from)
                        .append("</fromPort><toPort>")
                        .append(first.to)
                        .append("</toPort>");
            }
            StringBuilder v4 = new StringBuilder();
            StringBuilder v6 = new StringBuilder();
            StringBuilder sg = new StringBuilder();
            for (Rule rule : shape) {
                String description = rule.description.isEmpty()
                        ? ""
                        : "<description>" + FakeHttp.xml(rule.description) + "</description>";
                if (rule.peer.startsWith("sg-")) {
                    sg.append("<item><groupId>")
                            .append(rule.peer)
                            .append("</groupId>")
                            .append(description)
                            .append("</item>");
                } else if (rule.peer.contains(":")) {
                    v6.append("<item><cidrIpv6>")
                            .append(rule.peer)
                            .append("</cidrIpv6>")
                            .append(description)
                            .append("</item>");
                } else {
                    v4.append("<item><cidrIp>")
                            .append(rule.peer)
                            .append("</cidrIp>")
                            .append(description)
                            .append("</item>");
                }
            }
            out.append("<groups>")
                    .append(sg)
                    .append("</groups><ipRanges>")
                    .append(v4)
                    .append("</ipRanges><ipv6Ranges>")
                    .append(v6)
                    .append("</ipv6Ranges><prefixListIds/></item>");
        }
        return out.toString();
    }

    private static String tagSet(Map<String, String> tags) {
        StringBuilder out = new StringBuilder("<tagSet>");
        tags.forEach((k, v) -> out.append("<item><key>")
                .append(FakeHttp.xml(k))
                .append("</key><value>")
                .append(FakeHttp.xml(v))
                .append("</value></item>"));
        return out.append("</tagSet>").toString();
    }

    private String describeInstances(Map<String, String> p) {
        Map<String, List<String>> filters = filters(p);
        List<Instance> matching = instances.values().stream()
                .filter(i ->
                        !filters.containsKey("vpc-id") || filters.get("vpc-id").contains(i.vpc))
                .toList();
        StringBuilder next = new StringBuilder();
        StringBuilder out = new StringBuilder("<reservationSet>");
        for (Instance instance : page(matching, p, next)) {
            out.append("<item><reservationId>r-")
                    .append(instance.id.substring(2))
                    .append("</reservationId>")
                    .append("<ownerId>123456789012</ownerId><instancesSet><item><instanceId>")
                    .append(instance.id)
                    .append("</instanceId><instanceState><code>16</code><name>running</name></instanceState>")
                    .append("<vpcId>")
                    .append(instance.vpc)
                    .append("</vpcId><groupSet>");
            for (String id : instance.groups) {
                out.append("<item><groupId>")
                        .append(id)
                        .append("</groupId><groupName>")
                        .append(FakeHttp.xml(Optional.ofNullable(groups.get(id))
                                .map(g -> g.name)
                                .orElse("?")))
                        .append("</groupName></item>");
            }
            out.append("</groupSet>").append(tagSet(instance.tags)).append("</item></instancesSet></item>");
        }
        return out.append("</reservationSet>").append(next).toString();
    }

    private Group group(Map<String, String> p) {
        Group group = groups.get(p.get("GroupId"));
        if (group == null) {
            throw new FakeHttp.ApiError(
                    400, "InvalidGroup.NotFound", "The security group '" + p.get("GroupId") + "' does not exist");
        }
        return group;
    }

    private String createSecurityGroup(Map<String, String> p) {
        String name = p.get("GroupName");
        String vpc = p.get("VpcId");
        if (groups.values().stream().anyMatch(g -> g.name.equals(name) && g.vpc.equals(vpc))) {
            throw new FakeHttp.ApiError(
                    400, "InvalidGroup.Duplicate", "The security group '" + name + "' already exists");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; p.containsKey("TagSpecification.1.Tag." + i + ".Key"); i++) {
            tags.put(p.get("TagSpecification.1.Tag." + i + ".Key"), p.get("TagSpecification.1.Tag." + i + ".Value"));
        }
        Group group = new Group(
                String.format("sg-%017x", nextId.getAndIncrement()), name, p.getOrDefault("GroupDescription", ""), vpc);
        group.tags.putAll(tags);
        group.egress.add(new Rule("-1", -1, -1, "0.0.0.0/0", ""));
        groups.put(group.id, group);
        return "<return>true</return><groupId>" + group.id + "</groupId>" + tagSet(tags);
    }

    private String deleteSecurityGroup(Map<String, String> p) {
        Group group = group(p);
        if (instances.values().stream().anyMatch(i -> i.groups.contains(group.id))) {
            throw new FakeHttp.ApiError(400, "DependencyViolation", "resource " + group.id + " has a dependent object");
        }
        groups.remove(group.id);
        return "<return>true</return><groupId>" + group.id + "</groupId>";
    }

    /** Rules from IpPermissions.N.*: one per peer. */
    private static List<Rule> rules(Map<String, String> p) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 1; p.containsKey("IpPermissions." + i + ".IpProtocol"); i++) {
            String base = "IpPermissions." + i + ".";
            String protocol = p.get(base + "IpProtocol");
            int from = Integer.parseInt(p.getOrDefault(base + "FromPort", "-1"));
            int to = Integer.parseInt(p.getOrDefault(base + "ToPort", "-1"));
            for (int r = 1; p.containsKey(base + "IpRanges." + r + ".CidrIp"); r++) {
                rules.add(new Rule(
                        protocol,
                        from,
                        to,
                        p.get(base + "IpRanges." + r + ".CidrIp"),
                        p.getOrDefault(base + "IpRanges." + r + ".Description", "")));
            }
            for (int r = 1; p.containsKey(base + "Ipv6Ranges." + r + ".CidrIpv6"); r++) {
                rules.add(new Rule(
                        protocol,
                        from,
                        to,
                        p.get(base + "Ipv6Ranges." + r + ".CidrIpv6"),
                        p.getOrDefault(base + "Ipv6Ranges." + r + ".Description", "")));
            }
            for (int r = 1; p.containsKey(base + "Groups." + r + ".GroupId"); r++) {
                rules.add(new Rule(protocol, from, to, p.get(base + "Groups." + r + ".GroupId"), ""));
            }
        }
        if (rules.isEmpty()) {
            throw new FakeHttp.ApiError(400, "MissingParameter", "no permission with a peer in " + p);
        }
        return rules;
    }

    private String authorize(Map<String, String> p, boolean ingress) {
        Group group = group(p);
        List<Rule> target = ingress ? group.ingress : group.egress;
        List<Rule> add = rules(p);
        for (Rule rule : add) {
            if (target.stream().anyMatch(rule::sameAs)) {
                throw new FakeHttp.ApiError(400, "InvalidPermission.Duplicate", "the specified rule already exists");
            }
        }
        target.addAll(add);
        return "<return>true</return>";
    }

    private String revoke(Map<String, String> p, boolean ingress) {
        Group group = group(p);
        List<Rule> target = ingress ? group.ingress : group.egress;
        for (Rule rule : rules(p)) {
            if (!target.removeIf(rule::sameAs)) {
                throw new FakeHttp.ApiError(400, "InvalidPermission.NotFound", "the specified rule does not exist");
            }
        }
        return "<return>true</return>";
    }

    private String createTags(Map<String, String> p) {
        for (String id : indexed(p, "ResourceId")) {
            Map<String, String> tags = groups.containsKey(id)
                    ? groups.get(id).tags
                    : instances.containsKey(id) ? instances.get(id).tags : null;
            if (tags == null) {
                throw new FakeHttp.ApiError(400, "InvalidID", "unknown resource " + id);
            }
            for (int i = 1; p.containsKey("Tag." + i + ".Key"); i++) {
                tags.put(p.get("Tag." + i + ".Key"), p.getOrDefault("Tag." + i + ".Value", ""));
            }
        }
        return "<return>true</return>";
    }

    private String modifyInstanceAttribute(Map<String, String> p) {
        Instance instance = instances.get(p.get("InstanceId"));
        if (instance == null) {
            throw new FakeHttp.ApiError(400, "InvalidInstanceID.NotFound", "unknown instance " + p.get("InstanceId"));
        }
        List<String> ids = indexed(p, "GroupId");
        if (ids.isEmpty()) {
            throw new FakeHttp.ApiError(400, "MissingParameter", "no GroupId in " + p);
        }
        for (String id : ids) {
            if (!groups.containsKey(id)) {
                throw new FakeHttp.ApiError(400, "InvalidGroup.NotFound", "unknown group " + id);
            }
        }
        instance.groups.clear();
        instance.groups.addAll(ids);
        return "<return>true</return>";
    }
}
