package org.pcisegment.core.pci.format;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcisegment.core.json.Json;
import org.pcisegment.core.pci.Finding;
import org.pcisegment.core.pci.PciRequirements;
import org.pcisegment.core.pci.PciRules;
import org.pcisegment.core.pci.RuleInfo;
import org.pcisegment.core.pci.Severity;
import org.pcisegment.core.pci.ValidationResult;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code validate --format sarif}: SARIF 2.1.0, so CI systems annotate pull requests. */
public final class SarifWriter {
    public static final String INFORMATION_URI = "https://github.com/pci-segment/pci-segment";

    private SarifWriter() {}

    public static String write(ValidationResult result, String toolVersion) {
        ObjectNode root = Json.object();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "pci-segment");
        driver.put("version", toolVersion);
        driver.put("informationUri", INFORMATION_URI);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        List<RuleInfo> infos = PciRules.infos();
        for (RuleInfo info : infos) {
            ruleIndex.put(info.id(), ruleIndex.size());
            ObjectNode rule = rules.addObject();
            rule.put("id", info.id());
            rule.putObject("shortDescription").put("text", info.summary());
            rule.putObject("fullDescription").put("text", info.rationale());
            rule.putObject("help").put("text", info.remediation());
            rule.putObject("defaultConfiguration").put("level", level(info.severity()));
            ObjectNode properties = rule.putObject("properties");
            properties.put("pciDssRequirement", info.requirement());
            properties.put(
                    "pciDssTitle", PciRequirements.title(info.requirement()).orElse(info.requirement()));
            properties.putArray("tags").add("PCI-DSS").add("PCI-DSS-" + info.requirement());
        }
        ArrayNode results = run.putArray("results");
        for (Finding finding : result.findings()) {
            ObjectNode item = results.addObject();
            item.put("ruleId", finding.ruleId());
            Integer index = ruleIndex.get(finding.ruleId());
            if (index != null) {
                item.put("ruleIndex", index);
            }
            item.put("level", level(finding.severity()));
            item.putObject("message").put("text", finding.message());
            ObjectNode location = item.putArray("locations").addObject().putObject("physicalLocation");
            location.putObject("artifactLocation")
                    .put("uri", artifactUri(finding.span().file()));
            if (finding.span().hasPosition()) {
                ObjectNode region = location.putObject("region");
                region.put("startLine", finding.span().line());
                region.put("startColumn", finding.span().column());
            }
        }
        return Json.write(root);
    }

    /**
     * The file as a URI reference, as SARIF requires: a relative reference (percent-encoded, '/'
     * separated) for relative paths, so code-scanning services resolve it against the checkout;
     * a file: URI for absolute ones.
     */
    static String artifactUri(String file) {
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            return path.toUri().toString();
        }
        String slashed = file.replace('\\', '/');
        // A ':' in the first segment would read as a scheme: "./" keeps the reference relative.
        int colon = slashed.indexOf(':');
        int slash = slashed.indexOf('/');
        String relative = colon >= 0 && (slash < 0 || colon < slash) ? "./" + slashed : slashed;
        try {
            // The path-only constructor quotes characters that are illegal in a URI (spaces, '%').
            String encoded = new URI(null, null, relative, null).getRawPath();
            return encoded == null ? relative : encoded;
        } catch (URISyntaxException e) {
            return relative;
        }
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
