package org.pcisegment.core.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.pcisegment.core.inventory.Inventory;
import org.pcisegment.core.inventory.Workload;
import org.pcisegment.core.net.PrefixSet;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.InputFiles;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.Suggestions;
import org.pcisegment.core.source.YamlDocument;
import org.pcisegment.core.source.YamlLoader;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlValue;

/**
 * Loads policies and inventories from files, directories and globs. Policies and inventories may
 * share a stream; {@code --inventory} adds more inventory files. Every document is parsed once.
 */
public final class PolicySetLoader {
    private PolicySetLoader() {}

    /** Loads {@code -f} arguments and optional {@code --inventory} files. */
    public static PolicySet load(List<String> policyArguments, List<String> inventoryArguments) {
        List<SourceFile> inventorySources = inventoryArguments.isEmpty() ? List.of() : loadAll(inventoryArguments);
        return fromSources(loadAll(policyArguments), inventorySources);
    }

    /** Builds a policy set from already read files (used by tests and by agents with no files). */
    public static PolicySet fromSources(List<SourceFile> sources, List<SourceFile> inventorySources) {
        List<Policy> policies = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        List<String> files = new ArrayList<>();
        // Hashing megabytes of text takes a while; it runs beside the parsing, on the other core.
        FutureTask<String> setDigest = new FutureTask<>(() -> setDigest(
                sources.stream().map(PolicySetLoader::digest).toList(),
                inventorySources.stream().map(PolicySetLoader::digest).toList()));
        Thread.ofPlatform().daemon().name("policy-set-sha256").start(setDigest);
        for (SourceFile source : sources) {
            files.add(source.name());
            for (YamlDocument document : source.documents()) {
                YamlMap map = topLevel(document.root());
                if (isInventory(map)) {
                    workloads.addAll(InventoryParser.parse(map));
                } else {
                    policies.add(parsePolicy(map));
                }
            }
        }
        for (SourceFile source : inventorySources) {
            files.add(source.name());
            for (YamlDocument document : source.documents()) {
                YamlMap map = topLevel(document.root());
                if (!isInventory(map)) {
                    throw new InputException(
                            map.span(),
                            "--inventory expects documents of kind '"
                                    + InventoryParser.KIND
                                    + "', found "
                                    + map.string("kind")
                                            .map(k -> "kind '" + k + "'")
                                            .orElse("no kind"));
                }
                workloads.addAll(InventoryParser.parse(map));
            }
        }
        checkWorkloads(workloads);
        return new PolicySet(policies, new Inventory(workloads), files, result(setDigest));
    }

    /**
     * Parses a policy. When a document of an unknown kind does not even have a policy's shape, the
     * kind is the mistake to report (a finding of PCI-SCHEMA-KIND otherwise), not its fields.
     */
    private static Policy parsePolicy(YamlMap map) {
        try {
            return PolicyParser.parse(map);
        } catch (InputException notAPolicy) {
            Optional<String> kind = map.string("kind");
            if (kind.isEmpty() || kind.get().equals(Policy.KIND)) {
                throw notAPolicy;
            }
            throw new InputException(
                    map.get("kind").orElseThrow().span(),
                    "unknown kind '"
                            + kind.get()
                            + "'"
                            + Suggestions.hint(kind.get(), List.of(Policy.KIND, InventoryParser.KIND))
                            + "; expected "
                            + Policy.KIND
                            + " or "
                            + InventoryParser.KIND);
        }
    }

    private static YamlMap topLevel(YamlValue root) {
        if (root instanceof YamlMap map) {
            return map;
        }
        throw new InputException(
                root.span(),
                "expected a mapping with apiVersion, kind, metadata and spec at the top of the document,"
                        + " found "
                        + root.describe());
    }

    private static boolean isInventory(YamlMap map) {
        return map.string("kind").filter(InventoryParser.KIND::equals).isPresent();
    }

    /** Names are unique and no address belongs to two workloads. */
    private static void checkWorkloads(List<Workload> workloads) {
        Map<String, Workload> byName = new LinkedHashMap<>();
        List<PrefixSet> seen = new ArrayList<>();
        List<Workload> seenWorkloads = new ArrayList<>();
        for (Workload workload : workloads) {
            Workload previous = byName.putIfAbsent(workload.name(), workload);
            if (previous != null) {
                throw new InputException(
                        workload.span(),
                        "workload '"
                                + workload.name()
                                + "' is defined twice (first at "
                                + previous.span()
                                + "); names must be unique");
            }
            PrefixSet addresses = workload.prefixes();
            for (int i = 0; i < seen.size(); i++) {
                if (seen.get(i).overlaps(addresses)) {
                    PrefixSet shared = seen.get(i).intersect(addresses);
                    throw new InputException(
                            workload.span(),
                            "workload '"
                                    + workload.name()
                                    + "' shares addresses "
                                    + shared
                                    + " with workload '"
                                    + seenWorkloads.get(i).name()
                                    + "' ("
                                    + seenWorkloads.get(i).span()
                                    + "); each address must belong to one workload");
                }
            }
            seen.add(addresses);
            seenWorkloads.add(workload);
        }
    }

    private static String result(FutureTask<String> digest) {
        try {
            return digest.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing the policy set failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing the policy set", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private static String digest(SourceFile source) {
        return HexFormat.of().formatHex(sha256().digest(source.text().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The hash of a policy set: of its files' contents, whatever their names and the order they
     * were given in (the set means the same in any order), policy files apart from inventories.
     */
    private static String setDigest(List<String> policyDigests, List<String> inventoryDigests) {
        MessageDigest digest = sha256();
        for (List<String> part : List.of(policyDigests, inventoryDigests)) {
            part.stream().sorted().forEach(d -> digest.update((d + "\n").getBytes(StandardCharsets.US_ASCII)));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Loads only inventory files (commands that need no policies). */
    public static Inventory loadInventory(List<String> inventoryArguments) {
        return inventoryArguments.isEmpty()
                ? Inventory.empty()
                : fromSources(List.of(), loadAll(inventoryArguments)).inventory();
    }

    private static List<SourceFile> loadAll(List<String> arguments) {
        List<SourceFile> sources = new ArrayList<>();
        for (Path file : InputFiles.resolve(arguments)) {
            sources.add(YamlLoader.load(file));
        }
        return sources;
    }
}
