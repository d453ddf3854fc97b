package org.pcisegment.report.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcisegment.core.pci.PciRequirements;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The PCI DSS v4.0 control catalogue: every numbered requirement mapped to a status rule and the
 * evidence that proves it, read from {@code pci-dss-v4.0-controls.yaml}. Titles are not in that file:
 * they come from core's {@link PciRequirements}, so each is written once.
 */
public final class ControlCatalogue {
    static final String RESOURCE = "pci-dss-v4.0-controls.yaml";
    private static final ControlCatalogue PCI_DSS_40 = load();

    private final String standard;
    private final List<Control> controls;
    private final Map<String, Control> byId;
    private final Map<StatusRule, String> ruleDescriptions;
    private final Map<EvidenceSource, String> evidenceDescriptions;

    private ControlCatalogue(
            String standard,
            List<Control> controls,
            Map<StatusRule, String> ruleDescriptions,
            Map<EvidenceSource, String> evidenceDescriptions) {
        this.standard = standard;
        this.controls = List.copyOf(controls);
        Map<String, Control> index = new LinkedHashMap<>();
        controls.forEach(c -> index.put(c.id(), c));
        this.byId = Collections.unmodifiableMap(index);
        this.ruleDescriptions = Collections.unmodifiableMap(ruleDescriptions);
        this.evidenceDescriptions = Collections.unmodifiableMap(evidenceDescriptions);
    }

    public static ControlCatalogue pciDss40() {
        return PCI_DSS_40;
    }

    /** "PCI DSS v4.0". */
    public String standard() {
        return standard;
    }

    /** Every requirement, principal requirements and groups included, in the standard's order. */
    public List<Control> controls() {
        return controls;
    }

    public Optional<Control> control(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The sentence the catalogue gives for a status rule (empty for sections and not-assessed). */
    public String describe(StatusRule rule) {
        return ruleDescriptions.getOrDefault(rule, "");
    }

    public String describe(EvidenceSource source) {
        return evidenceDescriptions.getOrDefault(source, source.key());
    }

    private static ControlCatalogue load() {
        Map<?, ?> root;
        try (InputStream in = ControlCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            root = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(root);
    }

    /** Reads the catalogue's YAML tree; any mistake in our own data file is a programming error. */
    static ControlCatalogue parse(Map<?, ?> root) {
        Map<String, String> reasons = strings(root, "reasons");
        Map<StatusRule, String> rules = new EnumMap<>(StatusRule.class);
        strings(root, "rules").forEach((key, text) -> rules.put(rule(key), text));
        Map<EvidenceSource, String> evidence = new EnumMap<>(EvidenceSource.class);
        strings(root, "evidence").forEach((key, text) -> evidence.put(source(key), text));
        for (EvidenceSource source : EvidenceSource.values()) {
            require(evidence.containsKey(source), "evidence source " + source.key() + " has no description");
        }
        List<Control> controls = new ArrayList<>();
        for (Object item : (List<?>) value(root, "controls")) {
            Map<?, ?> entry = (Map<?, ?>) item;
            String id = String.valueOf(value(entry, "id"));
            String title = PciRequirements.title(id)
                    .orElseThrow(() -> new IllegalStateException(
                            "catalogue id " + id + " is not a PCI DSS v4.0 requirement of core's list"));
            StatusRule rule = rule(String.valueOf(value(entry, "rule")));
            List<EvidenceSource> sources = new ArrayList<>();
            if (entry.get("evidence") instanceof List<?> list) {
                list.forEach(key -> sources.add(source(String.valueOf(key))));
            }
            Optional<String> reason = Optional.empty();
            if (rule == StatusRule.NOT_ASSESSED) {
                String key = String.valueOf(value(entry, "reason"));
                reason = Optional.of(reasons.computeIfAbsent(key, k -> {
                    throw new IllegalStateException("unknown reason '" + k + "' for " + id);
                }));
            } else if (rule != StatusRule.SECTION) {
                require(!sources.isEmpty(), id + " names no evidence source");
                require(rules.containsKey(rule), "rule " + rule.key() + " has no description");
            }
            controls.add(new Control(id, title, rule, sources, reason));
        }
        return new ControlCatalogue(String.valueOf(value(root, "standard")), controls, rules, evidence);
    }

    private static Object value(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + ": missing '" + key + "' in " + map);
        }
        return value;
    }

    private static Map<String, String> strings(Map<?, ?> root, String key) {
        Map<String, String> result = new LinkedHashMap<>();
        ((Map<?, ?>) value(root, key)).forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        return result;
    }

    private static StatusRule rule(String key) {
        return StatusRule.fromKey(key)
                .orElseThrow(() -> new IllegalStateException(RESOURCE + ": unknown rule '" + key + "'"));
    }

    private static EvidenceSource source(String key) {
        return EvidenceSource.fromKey(key)
                .orElseThrow(() -> new IllegalStateException(RESOURCE + ": unknown evidence source '" + key + "'"));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(RESOURCE + ": " + message);
        }
    }
}
