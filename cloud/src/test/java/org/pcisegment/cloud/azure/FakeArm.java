package org.pcisegment.cloud.azure;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.pcisegment.cloud.FakeHttp;
import org.pcisegment.core.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Azure Resource Manager endpoint (HTTPS: the SDK sends bearer tokens only over TLS) with
 * state for NSGs, their security rules and NICs: PUT/GET/DELETE, lists paged with nextLink,
 * long-running operations answered the ARM way (201 + Azure-AsyncOperation polled to Succeeded for
 * NSG creation, 202 + Location for NSG deletion), priority conflicts, and injected faults.
 */
public final class FakeArm implements AutoCloseable {
    public static final String TOKEN = "test-token-for-the-local-fake";
    private static final String PASSWORD = "changeit";
    private static final Pattern PATH =
            Pattern.compile("/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Network/"
                    + "(networkSecurityGroups|networkInterfaces)(?:/([^/]+)(?:/securityRules(?:/([^/]+))?)?)?");
    private static final Pattern OPERATION = Pattern.compile(
            "/subscriptions/[^/]+/providers/Microsoft\\.Network/locations/[^/]+/(operations|operationResults)/([^/]+)");

    public final FakeHttp.Faults faults = new FakeHttp.Faults();

    /** How many polls of a long-running operation answer "InProgress" before it succeeds (each waits 1 s). */
    public volatile int inProgressPolls;

    private final Map<String, ObjectNode> nsgs = new LinkedHashMap<>();
    private final Map<String, ObjectNode> nics = new LinkedHashMap<>();
    private final Map<String, Integer> operations = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> calls = new LinkedHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final int pageSize;
    private final HttpsServer server;
    private final SSLContext clientContext;
    private final String subscription;
    private final String resourceGroup;

    public FakeArm(String subscription, String resourceGroup, int pageSize, Path workDirectory) throws Exception {
        this.subscription = subscription;
        this.resourceGroup = resourceGroup;
        this.pageSize = pageSize;
        TlsMaterial tls = TlsMaterial.get(workDirectory);
        clientContext = tls.client();

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.server()));
        server.createContext("/", this::handle);
        server.start();
    }

    /** One self-signed certificate for 127.0.0.1 per test JVM (keytool is slow to start). */
    private record TlsMaterial(SSLContext server, SSLContext client) {
        private static TlsMaterial shared;

        static synchronized TlsMaterial get(Path workDirectory) throws Exception {
            if (shared == null) {
                shared = create(workDirectory);
            }
            return shared;
        }

        private static TlsMaterial create(Path workDirectory) throws Exception {
            Path keystore = workDirectory.resolve("fake-arm.p12");
            Process keytool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-alias",
                            "fake-arm",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=127.0.0.1",
                            "-ext",
                            "san=ip:127.0.0.1,dns:localhost",
                            "-validity",
                            "2",
                            "-keystore",
                            keystore.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            PASSWORD,
                            "-keypass",
                            PASSWORD)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD.toCharArray());
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(keyManagers.getKeyManagers(), null, null);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            Certificate certificate = keys.getCertificate("fake-arm");
            trust.setCertificateEntry("fake-arm", certificate);
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, trustManagers.getTrustManagers(), null);
            return new TlsMaterial(server, client);
        }
    }

    public URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** What a client needs to trust this server's certificate. */
    public SSLContext clientContext() {
        return clientContext;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- set-up and inspection for tests -------------------------------------------------------

    private String base() {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/Microsoft.Network";
    }

    public synchronized String addNsg(String name, Map<String, String> tags) {
        ObjectNode nsg = newNsg(name, "westeurope", tags);
        nsgs.put(name, nsg);
        return nsg.get("id").asString();
    }

    /** Adds a custom rule directly, as someone in the portal would. */
    public synchronized void putRuleByHand(String nsg, String name, ObjectNode properties) {
        storeRule(nsgs.get(nsg), name, properties);
    }

    public synchronized void deleteRuleByHand(String nsg, String name) {
        rules(nsgs.get(nsg)).removeIf(r -> r.get("name").asString().equals(name));
    }

    public synchronized String addNic(String name, String vnet, Map<String, String> tags, Optional<String> nsgId) {
        String id = base() + "/networkInterfaces/" + name;
        ObjectNode nic = Json.object();
        nic.put("id", id);
        nic.put("name", name);
        nic.put("type", "Microsoft.Network/networkInterfaces");
        nic.put("location", "westeurope");
        ObjectNode tagNode = nic.putObject("tags");
        tags.forEach(tagNode::put);
        ObjectNode properties = nic.putObject("properties");
        properties.put("provisioningState", "Succeeded");
        ObjectNode ip = properties.putArray("ipConfigurations").addObject();
        ip.put("id", id + "/ipConfigurations/ipconfig1");
        ip.put("name", "ipconfig1");
        ObjectNode ipProperties = ip.putObject("properties");
        ipProperties.put("privateIPAddress", "10.0.1." + nextId.getAndIncrement());
        ipProperties
                .putObject("subnet")
                .put(
                        "id",
                        "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup
                                + "/providers/Microsoft.Network/virtualNetworks/" + vnet + "/subnets/default");
        nsgId.ifPresent(n -> properties.putObject("networkSecurityGroup").put("id", n));
        nics.put(name, nic);
        return id;
    }

    public synchronized Optional<ObjectNode> nsg(String name) {
        return Optional.ofNullable(nsgs.get(name));
    }

    /** The custom rules of an NSG: name to properties. */
    public synchronized Map<String, JsonNode> rulesOf(String nsg) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        for (JsonNode rule : rules(nsgs.get(nsg))) {
            result.put(rule.get("name").asString(), rule.get("properties"));
        }
        return result;
    }

    public synchronized Optional<String> nsgOfNic(String nic) {
        JsonNode group = nics.get(nic).get("properties").get("networkSecurityGroup");
        return group == null || group.isNull()
                ? Optional.empty()
                : Optional.of(group.get("id").asString());
    }

    public synchronized int calls(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    public synchronized int mutatingCalls() {
        return calls.entrySet().stream()
                .filter(e -> e.getKey().startsWith("PUT") || e.getKey().startsWith("DELETE"))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    // ---- the API ----------------------------------------------------------------------------

    private record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, JsonNode node) {
            return new Answer(status, Json.write(node), Map.of());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = FakeHttp.body(exchange);
        try {
            Answer answer;
            synchronized (this) {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (!("Bearer " + TOKEN).equals(authorization)) {
                    throw new FakeHttp.ApiError(401, "AuthenticationFailed", "no valid bearer token");
                }
                if (exchange.getRequestURI().getQuery() == null
                        || !exchange.getRequestURI().getQuery().contains("api-version=")) {
                    throw new FakeHttp.ApiError(400, "MissingApiVersionParameter", "api-version is required");
                }
                String operation = operationName(method, path);
                calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
                Optional<FakeHttp.Fault> fault = faults.next(operation);
                if (fault.isPresent()) {
                    throw new FakeHttp.ApiError(
                            fault.get().status(),
                            fault.get().code(),
                            fault.get().message());
                }
                answer = route(method, path, exchange.getRequestURI(), body);
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            FakeHttp.send(exchange, answer.status(), "application/json; charset=utf-8", answer.body());
        } catch (FakeHttp.ApiError e) {
            ObjectNode error = Json.object();
            ObjectNode detail = error.putObject("error");
            detail.put("code", e.code);
            detail.put("message", e.getMessage());
            if (e.status == 429 || e.status == 503) {
                exchange.getResponseHeaders().set("Retry-After", "0");
            }
            FakeHttp.send(exchange, e.status, "application/json; charset=utf-8", Json.write(error));
        } catch (RuntimeException e) {
            FakeHttp.send(exchange, 500, "text/plain", "fake failure: " + e);
        }
    }

    /** "PUT securityRules", "GET networkSecurityGroups" (list), "GET networkSecurityGroup", ... */
    private static String operationName(String method, String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return method + " operation";
        }
        if (m.group(5) != null || path.endsWith("/securityRules")) {
            return method + " securityRules";
        }
        String kind = m.group(3);
        return method + " " + (m.group(4) == null ? kind : kind.substring(0, kind.length() - 1));
    }

    private Answer route(String method, String path, URI uri, String body) {
        Matcher op = OPERATION.matcher(path);
        if (op.matches() && method.equals("GET")) {
            return operation(op.group(1), op.group(2));
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches() || !m.group(1).equals(subscription) || !m.group(2).equalsIgnoreCase(resourceGroup)) {
            throw new FakeHttp.ApiError(404, "ResourceNotFound", "no such resource: " + path);
        }
        String kind = m.group(3);
        String name = m.group(4);
        String rule = m.group(5);
        if (kind.equals("networkInterfaces")) {
            return switch (method) {
                case "GET" -> name == null ? list(new ArrayList<>(nics.values()), uri) : Answer.json(200, nic(name));
                case "PUT" -> putNic(name, body);
                default -> throw new FakeHttp.ApiError(405, "MethodNotAllowed", method + " " + path);
            };
        }
        if (name == null) {
            return list(nsgs.values().stream().map(n -> (JsonNode) n).toList(), uri);
        }
        if (path.contains("/securityRules")) {
            ObjectNode nsg = existingNsg(name);
            if (rule == null) {
                return list(new ArrayList<>(rules(nsg).valueStream().toList()), uri);
            }
            return switch (method) {
                case "GET" -> Answer.json(200, findRule(nsg, rule).orElseThrow(() -> notFound(rule)));
                case "PUT" -> putRule(nsg, rule, body);
                case "DELETE" -> {
                    boolean removed = findRule(nsg, rule).isPresent();
                    rules(nsg).removeIf(r -> r.get("name").asString().equals(rule));
                    yield new Answer(removed ? 200 : 204, "", Map.of());
                }
                default -> throw new FakeHttp.ApiError(405, "MethodNotAllowed", method + " " + path);
            };
        }
        return switch (method) {
            case "GET" -> Answer.json(200, existingNsg(name));
            case "PUT" -> putNsg(name, body, uri);
            case "DELETE" -> deleteNsg(name, uri);
            default -> throw new FakeHttp.ApiError(405, "MethodNotAllowed", method + " " + path);
        };
    }

    private static FakeHttp.ApiError notFound(String name) {
        return new FakeHttp.ApiError(404, "NotFound", "resource " + name + " not found");
    }

    private Answer list(List<JsonNode> all, URI uri) {
        int start = 0;
        String query = uri.getQuery();
        Matcher skip = Pattern.compile("\\$skiptoken=(\\d+)").matcher(query);
        if (skip.find()) {
            start = Integer.parseInt(skip.group(1));
        }
        int end = Math.min(all.size(), start + pageSize);
        ObjectNode page = Json.object();
        ArrayNode value = page.putArray("value");
        for (JsonNode item : all.subList(start, end)) {
            value.add(item);
        }
        if (end < all.size()) {
            page.put("nextLink", endpoint().resolve(uri.getPath()) + "?api-version=2024-05-01&$skiptoken=" + end);
        }
        return Answer.json(200, page);
    }

    private ObjectNode existingNsg(String name) {
        ObjectNode nsg = nsgs.get(name);
        if (nsg == null) {
            throw new FakeHttp.ApiError(
                    404,
                    "ResourceNotFound",
                    "The Resource 'Microsoft.Network/networkSecurityGroups/" + name + "' under resource group '"
                            + resourceGroup + "' was not found.");
        }
        return nsg;
    }

    private ObjectNode newNsg(String name, String location, Map<String, String> tags) {
        ObjectNode nsg = Json.object();
        String id = base() + "/networkSecurityGroups/" + name;
        nsg.put("id", id);
        nsg.put("name", name);
        nsg.put("type", "Microsoft.Network/networkSecurityGroups");
        nsg.put("location", location);
        ObjectNode tagNode = nsg.putObject("tags");
        tags.forEach(tagNode::put);
        ObjectNode properties = nsg.putObject("properties");
        properties.put("provisioningState", "Succeeded");
        properties.put("resourceGuid", "00000000-0000-0000-0000-" + String.format("%012d", nextId.getAndIncrement()));
        properties.putArray("securityRules");
        ArrayNode defaults = properties.putArray("defaultSecurityRules");
        defaults.add(
                defaultRule(id, "AllowVnetInBound", "Inbound", "Allow", 65000, "VirtualNetwork", "VirtualNetwork"));
        defaults.add(
                defaultRule(id, "AllowAzureLoadBalancerInBound", "Inbound", "Allow", 65001, "AzureLoadBalancer", "*"));
        defaults.add(defaultRule(id, "DenyAllInBound", "Inbound", "Deny", 65500, "*", "*"));
        defaults.add(
                defaultRule(id, "AllowVnetOutBound", "Outbound", "Allow", 65000, "VirtualNetwork", "VirtualNetwork"));
        defaults.add(defaultRule(id, "AllowInternetOutBound", "Outbound", "Allow", 65001, "*", "Internet"));
        defaults.add(defaultRule(id, "DenyAllOutBound", "Outbound", "Deny", 65500, "*", "*"));
        return nsg;
    }

    private static ObjectNode defaultRule(
            String nsgId,
            String name,
            String direction,
            String access,
            int priority,
            String source,
            String destination) {
        ObjectNode rule = Json.object();
        rule.put("id", nsgId + "/defaultSecurityRules/" + name);
        rule.put("name", name);
        ObjectNode p = rule.putObject("properties");
        p.put("protocol", "*");
        p.put("sourcePortRange", "*");
        p.put("destinationPortRange", "*");
        p.put("sourceAddressPrefix", source);
        p.put("destinationAddressPrefix", destination);
        p.put("access", access);
        p.put("priority", priority);
        p.put("direction", direction);
        p.put("provisioningState", "Succeeded");
        return rule;
    }

    private static ArrayNode rules(ObjectNode nsg) {
        return (ArrayNode) nsg.get("properties").get("securityRules");
    }

    private static Optional<JsonNode> findRule(ObjectNode nsg, String name) {
        return rules(nsg)
                .valueStream()
                .filter(r -> r.get("name").asString().equals(name))
                .findFirst();
    }

    /**
     * Creation answers 201; with {@link #inProgressPolls} set, with an Azure-AsyncOperation header
     * whose polls report InProgress that many times. An update answers 200.
     */
    private Answer putNsg(String name, String body, URI uri) {
        JsonNode request = Json.MAPPER.readTree(body);
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode requestTags = request.get("tags");
        if (requestTags != null) {
            requestTags
                    .properties()
                    .forEach(e -> tags.put(e.getKey(), e.getValue().asString()));
        }
        ObjectNode existing = nsgs.get(name);
        if (existing != null) {
            ObjectNode tagNode = existing.putObject("tags");
            tags.forEach(tagNode::put);
            return Answer.json(200, existing);
        }
        JsonNode location = request.get("location");
        if (location == null) {
            throw new FakeHttp.ApiError(
                    400, "LocationRequired", "The location property is required for this definition.");
        }
        ObjectNode nsg = newNsg(name, location.asString(), tags);
        JsonNode requestRules = request.path("properties").path("securityRules");
        if (requestRules.isArray()) {
            for (JsonNode rule : requestRules) {
                storeRule(nsg, rule.get("name").asString(), (ObjectNode) rule.get("properties"));
            }
        }
        nsgs.put(name, nsg);
        if (inProgressPolls == 0) {
            return Answer.json(201, nsg);
        }
        String operation = "op-" + nextId.getAndIncrement();
        operations.put(operation, inProgressPolls);
        ObjectNode inProgress = nsg.deepCopy();
        ((ObjectNode) inProgress.get("properties")).put("provisioningState", "Updating");
        return new Answer(
                201,
                Json.write(inProgress),
                Map.of(
                        "Azure-AsyncOperation",
                        endpoint()
                                        .resolve("/subscriptions/" + subscription
                                                + "/providers/Microsoft.Network/locations/westeurope/operations/"
                                                + operation)
                                + "?api-version=2024-05-01",
                        "Retry-After",
                        "1"));
    }

    private Answer operation(String kind, String id) {
        Integer pending = operations.get(id);
        if (pending == null) {
            throw new FakeHttp.ApiError(404, "OperationNotFound", id);
        }
        if (pending > 0) {
            operations.put(id, pending - 1);
            ObjectNode status = Json.object();
            status.put("status", "InProgress");
            return new Answer(kind.equals("operations") ? 200 : 202, Json.write(status), Map.of("Retry-After", "1"));
        }
        if (kind.equals("operationResults")) {
            return new Answer(204, "", Map.of());
        }
        ObjectNode status = Json.object();
        status.put("status", "Succeeded");
        return Answer.json(200, status);
    }

    /** Deletion answers 200; with {@link #inProgressPolls} set, 202 with a Location polled until 204. */
    private Answer deleteNsg(String name, URI uri) {
        ObjectNode nsg = nsgs.get(name);
        if (nsg == null) {
            return new Answer(204, "", Map.of());
        }
        String id = nsg.get("id").asString();
        for (ObjectNode nic : nics.values()) {
            if (id.equals(nic.path("properties")
                    .path("networkSecurityGroup")
                    .path("id")
                    .asString(""))) {
                throw new FakeHttp.ApiError(
                        400,
                        "InUseNetworkSecurityGroupCannotBeDeleted",
                        "Network security group " + id + " cannot be deleted because it is in use by "
                                + nic.get("id").asString());
            }
        }
        nsgs.remove(name);
        if (inProgressPolls == 0) {
            return new Answer(200, "", Map.of());
        }
        String operation = "op-" + nextId.getAndIncrement();
        operations.put(operation, inProgressPolls);
        return new Answer(
                202,
                "",
                Map.of(
                        "Location",
                        endpoint()
                                        .resolve("/subscriptions/" + subscription
                                                + "/providers/Microsoft.Network/locations/westeurope/operationResults/"
                                                + operation)
                                + "?api-version=2024-05-01",
                        "Retry-After",
                        "1"));
    }

    private Answer putRule(ObjectNode nsg, String name, String body) {
        JsonNode request = Json.MAPPER.readTree(body);
        ObjectNode properties = (ObjectNode) request.get("properties");
        if (properties == null) {
            throw new FakeHttp.ApiError(400, "InvalidRequestFormat", "properties missing");
        }
        boolean existed = findRule(nsg, name).isPresent();
        ObjectNode stored = storeRule(nsg, name, properties);
        return Answer.json(existed ? 200 : 201, stored);
    }

    /** Stores a rule after the checks ARM makes: required fields, priority range, priority taken. */
    private ObjectNode storeRule(ObjectNode nsg, String name, ObjectNode properties) {
        for (String field : List.of("protocol", "access", "priority", "direction")) {
            if (!properties.has(field)) {
                throw new FakeHttp.ApiError(400, "InvalidRequestFormat", "security rule " + name + " lacks " + field);
            }
        }
        int priority = properties.get("priority").asInt();
        String direction = properties.get("direction").asString();
        if (priority < 100 || priority > 4096) {
            throw new FakeHttp.ApiError(
                    400, "SecurityRuleInvalidPriority", "priority " + priority + " outside 100-4096");
        }
        for (JsonNode other : rules(nsg)) {
            JsonNode p = other.get("properties");
            if (!other.get("name").asString().equals(name)
                    && p.get("priority").asInt() == priority
                    && p.get("direction").asString().equals(direction)) {
                throw new FakeHttp.ApiError(
                        400,
                        "SecurityRuleConflict",
                        "Security rule " + other.get("name").asString() + " has the same priority " + priority
                                + " and direction " + direction + " as " + name);
            }
        }
        rules(nsg).removeIf(r -> r.get("name").asString().equals(name));
        ObjectNode rule = Json.object();
        rule.put("id", nsg.get("id").asString() + "/securityRules/" + name);
        rule.put("name", name);
        rule.put("type", "Microsoft.Network/networkSecurityGroups/securityRules");
        ObjectNode copy = properties.deepCopy();
        copy.put("provisioningState", "Succeeded");
        rule.set("properties", copy);
        rules(nsg).add(rule);
        return rule;
    }

    private ObjectNode nic(String name) {
        ObjectNode nic = nics.get(name);
        if (nic == null) {
            throw notFound(name);
        }
        return nic;
    }

    private Answer putNic(String name, String body) {
        ObjectNode nic = nic(name);
        JsonNode request = Json.MAPPER.readTree(body);
        JsonNode group = request.path("properties").path("networkSecurityGroup");
        ObjectNode properties = (ObjectNode) nic.get("properties");
        if (group.isMissingNode() || group.isNull() || !group.has("id")) {
            properties.remove("networkSecurityGroup");
        } else {
            String id = group.get("id").asString();
            boolean known =
                    nsgs.values().stream().anyMatch(n -> n.get("id").asString().equals(id));
            if (!known) {
                throw new FakeHttp.ApiError(
                        400,
                        "InvalidResourceReference",
                        "Resource " + id + " referenced by " + nic.get("id").asString() + " was not found.");
            }
            properties.putObject("networkSecurityGroup").put("id", id);
        }
        return Answer.json(200, nic);
    }
}
