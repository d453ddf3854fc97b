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
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;
import org.pcisegment.core.concurrent.Futures;
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

    /**
     * Loads {@code -f} arguments and optional {@code --inventory} files. Each document becomes a
     * policy or workloads as soon as it is read, so its tree dies young instead of being copied by
     * the collector along with every other document's; errors come in the same order as reading
     * all files first (YAML errors of any file, then the first policy error, then inventories').
     */
    public static PolicySet load(List<String> policyArguments, List<String> inventoryArguments) {
        Assembly assembly = new Assembly();
        if (!inventoryArguments.isEmpty()) {
            assembly.readInventories(InputFiles.resolve(inventoryArguments));
        }
        assembly.readPolicies(InputFiles.resolve(policyArguments));
        return assembly.build();
    }

    /** Loads only inventory files (commands that need no policies). */
    public static Inventory loadInventory(List<String> inventoryArguments) {
        if (inventoryArguments.isEmpty()) {
            return Inventory.empty();
        }
        Assembly assembly = new Assembly();
        assembly.readInventories(InputFiles.resolve(inventoryArguments));
        return assembly.build().inventory();
    }

    /** Builds a policy set from already read files (used by tests and by agents with no files). */
    public static PolicySet fromSources(List<SourceFile> sources, List<SourceFile> inventorySources) {
        Assembly assembly = new Assembly();
        for (SourceFile source : inventorySources) {
            assembly.inventoryFiles.add(source.name());
            assembly.inventoryTexts.add(source.text());
            source.documents().forEach(d -> assembly.acceptInventoryDocument(Assembly.convertInventoryDocument(d)));
        }
        for (SourceFile source : sources) {
            assembly.policyFiles.add(source.name());
            assembly.policyTexts.add(source.text());
            source.documents().forEach(d -> assembly.acceptStreamDocument(Assembly.convertStreamDocument(d)));
        }
        return assembly.build();
    }

    /**
     * Policies and workloads made from documents as they come, in file order. The first error of
     * the policy stream (policy files, which may hold inventories) and of the inventory files is
     * kept, and nothing after it in that stream is kept, until {@link #build} reports it: a YAML
     * error in a later file, thrown by the reader meanwhile, comes first, as when files were read
     * first.
     */
    private static final class Assembly {
        final List<String> policyFiles = new ArrayList<>();
        final List<String> policyTexts = new ArrayList<>();
        final List<String> inventoryFiles = new ArrayList<>();
        final List<String> inventoryTexts = new ArrayList<>();
        private final List<Policy> policies = new ArrayList<>();
        private final List<Workload> streamWorkloads = new ArrayList<>();
        private final List<Workload> inventoryWorkloads = new ArrayList<>();
        private @Nullable InputException streamError;
        private @Nullable InputException inventoryError;

        Assembly() {
            // The first SHA-256 digest of a JVM loads the security providers (~10 ms): done beside
            // the reading, so the digest of the texts in build() does not start with it.
            Thread.ofPlatform().daemon().name("sha256-provider").start(PolicySetLoader::sha256);
        }

        void readPolicies(List<Path> files) {
            for (Path file : files) {
                policyTexts.add(YamlLoader.forEachDocument(
                        file, false, Assembly::convertStreamDocument, this::acceptStreamDocument));
                policyFiles.add(file.toString());
            }
        }

        void readInventories(List<Path> files) {
            for (Path file : files) {
                inventoryTexts.add(YamlLoader.forEachDocument(
                        file, false, Assembly::convertInventoryDocument, this::acceptInventoryDocument));
                inventoryFiles.add(file.toString());
            }
        }

        /** What a document of the policy stream becomes: a policy, workloads, or its input error. */
        private sealed interface Converted permits AsPolicy, AsWorkloads, AsError {}

        /** What a document of an --inventory file becomes: workloads, or its input error. */
        private sealed interface ConvertedInventory permits AsWorkloads, AsError {}

        private record AsPolicy(Policy policy) implements Converted {}

        private record AsWorkloads(List<Workload> workloads) implements Converted, ConvertedInventory {}

        private record AsError(InputException error) implements Converted, ConvertedInventory {}

        /** A document of the policy stream; pure, so it may run on the reader's second thread. */
        static Converted convertStreamDocument(YamlDocument document) {
            try {
                YamlMap map = topLevel(document.root());
                return isInventory(map) ? new AsWorkloads(InventoryParser.parse(map)) : new AsPolicy(parsePolicy(map));
            } catch (InputException e) {
                return new AsError(e);
            }
        }

        /** A document of an --inventory file; pure, like {@link #convertStreamDocument}. */
        static ConvertedInventory convertInventoryDocument(YamlDocument document) {
            try {
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
                return new AsWorkloads(InventoryParser.parse(map));
            } catch (InputException e) {
                return new AsError(e);
            }
        }

        void acceptStreamDocument(Converted converted) {
            if (streamError != null) {
                return;
            }
            switch (converted) {
                case AsPolicy(Policy policy) -> policies.add(policy);
                case AsWorkloads(List<Workload> workloads) -> streamWorkloads.addAll(workloads);
                case AsError(InputException error) -> streamError = error;
            }
        }

        void acceptInventoryDocument(ConvertedInventory converted) {
            if (inventoryError != null) {
                return;
            }
            switch (converted) {
                case AsWorkloads(List<Workload> workloads) -> inventoryWorkloads.addAll(workloads);
                case AsError(InputException error) -> inventoryError = error;
            }
        }

        PolicySet build() {
            // Hashing megabytes of text takes a while: it runs beside the checks and model building.
            FutureTask<String> digest = new FutureTask<>(() -> setDigest(
                    policyTexts.stream().map(PolicySetLoader::digest).toList(),
                    inventoryTexts.stream().map(PolicySetLoader::digest).toList()));
            Thread.ofPlatform().daemon().name("policy-set-sha256").start(digest);
            if (streamError != null) {
                throw streamError;
            }
            if (inventoryError != null) {
                throw inventoryError;
            }
            List<Workload> workloads = new ArrayList<>(streamWorkloads);
            workloads.addAll(inventoryWorkloads);
            checkWorkloads(workloads);
            List<String> files = new ArrayList<>(policyFiles);
            files.addAll(inventoryFiles);
            return new PolicySet(
                    policies, new Inventory(workloads), files, Futures.join(digest, "hashing the policy set"));
        }
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private static String digest(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
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
}
