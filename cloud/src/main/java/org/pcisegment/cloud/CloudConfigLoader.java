package org.pcisegment.cloud;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.core.source.YamlDocument;
import org.pcisegment.core.source.YamlLoader;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlValue;

/**
 * Reads a cloud config file ({@code kind: CloudConfig}) with the positions of every value: unknown
 * keys (with a "did you mean"), missing required keys and malformed values are {@link
 * InputException}s naming the file and line.
 */
public final class CloudConfigLoader {
    public static final String API_VERSION = "pci-segment/v1";
    public static final String KIND = "CloudConfig";

    private static final List<String> COMMON_KEYS = List.of(
            "apiVersion", "kind", "provider", "cdeTag", "labelTags", "namePrefix", "ownershipTag", "retry", "endpoint");
    private static final List<String> AWS_KEYS = List.of("region", "vpc");
    private static final List<String> AZURE_KEYS = List.of("subscription", "resourceGroup", "location", "vnet");

    /** Characters every provider accepts in group names: AWS allows more, Azure no more than these. */
    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9 ._:/=+@-]{1,128}");
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern AWS_VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    private static final Pattern AZURE_NAME = Pattern.compile("[A-Za-z0-9._()-]{1,90}");

    private CloudConfigLoader() {}

    public static CloudConfig load(Path file) {
        return fromSource(YamlLoader.load(file));
    }

    public static CloudConfig parse(String name, String text) {
        return fromSource(new SourceFile(name, text, YamlLoader.parse(name, text)));
    }

    private static CloudConfig fromSource(SourceFile source) {
        List<YamlDocument> documents = source.documents();
        if (documents.size() != 1) {
            throw new InputException(
                    SourceSpan.of(source.name()),
                    "a cloud config file holds exactly one YAML document, found " + documents.size());
        }
        YamlMap root = YamlMap.asMap(documents.getFirst().root(), "cloud config");
        String where = "cloud config";
        root.string("apiVersion").ifPresent(version -> {
            if (!version.equals(API_VERSION)) {
                throw new InputException(
                        valueSpan(root, "apiVersion"),
                        "apiVersion must be '" + API_VERSION + "', found '" + version + "'");
            }
        });
        root.string("kind").ifPresent(kind -> {
            if (!kind.equals(KIND)) {
                throw new InputException(valueSpan(root, "kind"), "kind must be '" + KIND + "', found '" + kind + "'");
            }
        });
        String providerText = root.requiredString("provider", where);
        CloudConfig.Provider provider = switch (providerText.toLowerCase(Locale.ROOT)) {
            case "aws" -> CloudConfig.Provider.AWS;
            case "azure" -> CloudConfig.Provider.AZURE;
            default ->
                throw new InputException(
                        valueSpan(root, "provider"), "provider must be 'aws' or 'azure', found '" + providerText + "'");
        };
        List<String> known = new ArrayList<>(COMMON_KEYS);
        known.addAll(provider == CloudConfig.Provider.AWS ? AWS_KEYS : AZURE_KEYS);
        root.requireKnownKeys(known, where + " (provider " + provider.id() + ")");

        Optional<String> region = Optional.empty();
        Optional<String> vpc = Optional.empty();
        Optional<String> subscription = Optional.empty();
        Optional<String> resourceGroup = Optional.empty();
        Optional<String> location = Optional.empty();
        Optional<String> vnet = Optional.empty();
        switch (provider) {
            case AWS -> {
                region = Optional.of(required(root, "region", where, AWS_REGION, "an AWS region such as eu-west-1"));
                vpc = Optional.of(required(root, "vpc", where, AWS_VPC, "a VPC id such as vpc-0a1b2c3d"));
            }
            case AZURE -> {
                subscription = Optional.of(required(root, "subscription", where, UUID, "a subscription id (UUID)"));
                resourceGroup =
                        Optional.of(required(root, "resourceGroup", where, AZURE_NAME, "a resource group name"));
                location = Optional.of(required(
                        root,
                        "location",
                        where,
                        Pattern.compile("[a-z0-9]{2,40}"),
                        "an Azure location such as westeurope"));
                vnet = Optional.of(required(root, "vnet", where, AZURE_NAME, "a virtual network name"));
            }
        }
        CloudConfig.Tag cdeTag = tag(root, "cdeTag").orElse(new CloudConfig.Tag("pci-env", "cde"));
        CloudConfig.Tag ownership = tag(root, "ownershipTag").orElse(new CloudConfig.Tag("managed-by", "pci-segment"));
        Map<String, String> labelTags = new LinkedHashMap<>();
        root.map("labelTags").ifPresent(map -> {
            for (YamlMap.Entry entry : map.entries()) {
                String tagKey = YamlMap.asString(entry.value(), "labelTags." + entry.key());
                requireTagKey(tagKey, entry.value().span(), "labelTags." + entry.key());
                labelTags.put(entry.key(), tagKey);
            }
        });
        String prefix = root.string("namePrefix").orElse("pci-segment-");
        if (!NAME_PREFIX.matcher(prefix).matches()) {
            throw new InputException(
                    valueSpan(root, "namePrefix"),
                    "namePrefix must be 1-40 letters, digits, '.', '_' or '-' (valid for AWS and Azure names),"
                            + " found '" + prefix + "'");
        }
        CloudConfig.Retry retry = retry(root);
        Optional<URI> endpoint = root.string("endpoint").map(text -> endpoint(root, text));
        return new CloudConfig(
                provider,
                region,
                vpc,
                subscription,
                resourceGroup,
                location,
                vnet,
                cdeTag,
                labelTags,
                prefix,
                ownership,
                retry,
                endpoint,
                root.span());
    }

    private static String required(YamlMap map, String key, String where, Pattern pattern, String expected) {
        String value = map.requiredString(key, where);
        if (!pattern.matcher(value).matches()) {
            throw new InputException(
                    valueSpan(map, key), "field '" + key + "' must be " + expected + ", found '" + value + "'");
        }
        return value;
    }

    private static Optional<CloudConfig.Tag> tag(YamlMap root, String field) {
        Optional<YamlMap> map = root.map(field);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        YamlMap tag = map.get();
        tag.requireKnownKeys(List.of("key", "value"), field);
        String key = tag.requiredString("key", field);
        String value = tag.requiredString("value", field);
        requireTagKey(key, valueSpan(tag, "key"), field + ".key");
        if (value.isEmpty() || value.length() > 256) {
            throw new InputException(valueSpan(tag, "value"), field + ".value must be 1-256 characters");
        }
        return Optional.of(new CloudConfig.Tag(key, value));
    }

    private static void requireTagKey(String key, SourceSpan span, String field) {
        if (!TAG_KEY.matcher(key).matches() || key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new InputException(
                    span,
                    field + " must be a tag key of 1-128 letters, digits, spaces or ._:/=+@- (not starting with"
                            + " 'aws:'), found '" + key + "'");
        }
    }

    private static CloudConfig.Retry retry(YamlMap root) {
        Optional<YamlMap> map = root.map("retry");
        if (map.isEmpty()) {
            return CloudConfig.Retry.DEFAULT;
        }
        YamlMap retry = map.get();
        retry.requireKnownKeys(List.of("maxAttempts", "baseDelayMillis", "maxDelayMillis"), "retry");
        CloudConfig.Retry defaults = CloudConfig.Retry.DEFAULT;
        int attempts = (int) bounded(retry, "maxAttempts", 1, 20, defaults.maxAttempts());
        long base = bounded(
                retry, "baseDelayMillis", 1, 10_000, defaults.baseDelay().toMillis());
        long max =
                bounded(retry, "maxDelayMillis", 1, 120_000, defaults.maxDelay().toMillis());
        if (max < base) {
            throw new InputException(
                    valueSpan(retry, "maxDelayMillis"), "retry.maxDelayMillis must not be below retry.baseDelayMillis");
        }
        return new CloudConfig.Retry(attempts, Duration.ofMillis(base), Duration.ofMillis(max));
    }

    private static long bounded(YamlMap map, String key, long min, long max, long otherwise) {
        OptionalLong value = map.integer(key);
        if (value.isEmpty()) {
            return otherwise;
        }
        if (value.getAsLong() < min || value.getAsLong() > max) {
            throw new InputException(
                    valueSpan(map, key),
                    "retry." + key + " must be within " + min + "-" + max + ", found " + value.getAsLong());
        }
        return value.getAsLong();
    }

    private static URI endpoint(YamlMap root, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new URISyntaxException(text, "expected http:// or https:// with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InputException(
                    valueSpan(root, "endpoint"), "endpoint must be an http(s) URL, found '" + text + "'");
        }
    }

    private static SourceSpan valueSpan(YamlMap map, String key) {
        return map.get(key).map(YamlValue::span).orElse(map.span());
    }
}
