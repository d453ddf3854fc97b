package org.pcisegment.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.pcisegment.core.json.Json;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.EnforcementStatus;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.RuleCounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(
        name = "status",
        description = {
            "Show what pci-segment has installed on this host, with rule counters.",
            "Shows the backend, rule set hash, when and by",
            "which version it was applied, how many rules, and the packet and byte counters of each",
            "rule (allows summed per policy rule, the default deny, the built-in allowances)."
        },
        footer = {"", "Exit codes: 0 shown (installed or not), 3 the backend could not be read."})
final class StatusCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output format: ${COMPLETION-CANDIDATES}.")
    Format format = Format.text;

    private final EnforcerSource enforcers;

    StatusCommand() {
        this(EnforcerSource.DEFAULT);
    }

    StatusCommand(EnforcerSource enforcers) {
        this.enforcers = enforcers;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Enforcer enforcer = enforcers.open(backend.name());
        EnforcementStatus status;
        try {
            status = enforcer.status();
        } catch (EnforcementException e) {
            spec.commandLine().getErr().println("[FAILED] Cannot read the installed state: " + e.getMessage());
            return ExitCode.OPERATION;
        }
        out.print(format == Format.json ? json(status) : text(status, enforcer.target()));
        out.flush();
        return ExitCode.OK;
    }

    private static String text(EnforcementStatus status, String target) {
        StringBuilder out = new StringBuilder();
        out.append("Backend: ")
                .append(status.backend())
                .append(" (")
                .append(target)
                .append(")\n");
        if (!status.installed() && status.itemCount() == 0) {
            out.append("Status: NOT INSTALLED (pci-segment enforces nothing through this backend)\n");
            return out.toString();
        }
        out.append("Status: ACTIVE\n");
        status.metadata()
                .ifPresentOrElse(
                        m -> out.append("Rule set: ")
                                .append(m.ruleSetSha256())
                                .append("\nApplied: ")
                                .append(m.appliedAt())
                                .append(" by pci-segment ")
                                .append(m.toolVersion())
                                .append('\n'),
                        () -> out.append("Rule set: UNIDENTIFIED (the stored metadata is missing or altered)\n"));
        out.append("Rules: ").append(status.itemCount()).append('\n');
        status.details()
                .forEach((key, value) ->
                        out.append(key).append(": ").append(value).append('\n'));
        int width = "RULE".length();
        for (RuleCounter counter : status.counters()) {
            width = Math.max(width, counter.rule().length());
        }
        out.append(
                String.format("%-8s %-" + width + "s %-6s %12s %14s%n", "SIDE", "RULE", "ACTION", "PACKETS", "BYTES"));
        for (RuleCounter counter : status.counters()) {
            out.append(String.format(
                    "%-8s %-" + width + "s %-6s %12d %14d%n",
                    counter.direction().sectionField(),
                    counter.rule(),
                    counter.action().name().toLowerCase(java.util.Locale.ROOT),
                    counter.packets(),
                    counter.bytes()));
        }
        return out.toString();
    }

    private static String json(EnforcementStatus status) {
        ObjectNode root = Json.object();
        root.put("backend", status.backend());
        root.put("installed", status.installed() || status.itemCount() > 0);
        status.metadata().ifPresent(m -> {
            root.put("ruleSetSha256", m.ruleSetSha256());
            root.put("appliedAt", m.appliedAt().toString());
            root.put("toolVersion", m.toolVersion());
        });
        root.put("rules", status.itemCount());
        if (!status.details().isEmpty()) {
            ObjectNode details = root.putObject("details");
            status.details().forEach(details::put);
        }
        ArrayNode counters = root.putArray("counters");
        for (RuleCounter counter : status.counters()) {
            ObjectNode node = counters.addObject();
            node.put("direction", counter.direction().sectionField());
            node.put("rule", counter.rule());
            node.put("action", counter.action().name().toLowerCase(java.util.Locale.ROOT));
            node.put("packets", counter.packets());
            node.put("bytes", counter.bytes());
        }
        return Json.write(root);
    }
}
