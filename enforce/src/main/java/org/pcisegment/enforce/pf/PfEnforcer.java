package org.pcisegment.enforce.pf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcisegment.core.ir.Action;
import org.pcisegment.enforce.Applied;
import org.pcisegment.enforce.ChangePlan;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcedItem;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.EnforcementStatus;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.InstalledState;
import org.pcisegment.enforce.ProcessRunner;
import org.pcisegment.enforce.Removed;
import org.pcisegment.enforce.RuleCounter;
import org.pcisegment.enforce.Snapshot;

/**
 * The pf backend (macOS, BSD): the anchor text is written to {@code /etc/pf.anchors/pci-segment}
 * and loaded with {@code pfctl -a pci-segment -f}, which replaces the anchor's rules atomically;
 * other anchors and the main ruleset are never touched. pf must be enabled and the main ruleset
 * must evaluate the anchor ({@code anchor "pci-segment"} in {@code /etc/pf.conf}): without that
 * the rules would load and enforce nothing, so apply refuses and says how to fix it.
 */
public final class PfEnforcer implements Enforcer {
    public static final String NAME = "pf";
    public static final String ANCHOR = "pci-segment";
    public static final Path DEFAULT_ANCHOR_FILE = Path.of("/etc/pf.anchors/pci-segment");

    private final ProcessRunner runner;
    private final Path anchorFile;

    public PfEnforcer(ProcessRunner runner, Path anchorFile) {
        this.runner = runner;
        this.anchorFile = anchorFile;
    }

    public static PfEnforcer create() {
        return new PfEnforcer(ProcessRunner.system(), DEFAULT_ANCHOR_FILE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String target() {
        return anchorFile.toString();
    }

    @Override
    public String render(DesiredState desired) {
        return PfAnchorWriter.anchor(desired);
    }

    /** Compares in the form an anchor reads back as (allows by policy and address block). */
    @Override
    public ChangePlan diff(DesiredState desired, InstalledState installed) {
        return ChangePlan.between(desired.items(), desired.metadata(), installed, PfAnchorReader::normalise);
    }

    @Override
    public InstalledState installed() {
        Optional<String> text = readAnchorFile();
        if (text.isEmpty()) {
            return loadedRules().isEmpty()
                    ? new InstalledState.Absent()
                    : new InstalledState.Present(Optional.empty(), List.of());
        }
        PfAnchorReader.Anchor anchor = PfAnchorReader.read(text.get());
        if (loadedRules().size() != anchor.rules().size()) {
            // the file does not describe what pf has loaded: report an unidentified ruleset
            return new InstalledState.Present(Optional.empty(), List.of());
        }
        return new InstalledState.Present(anchor.metadata(), anchor.items());
    }

    @Override
    public Applied apply(DesiredState desired) {
        requireAnchorEvaluated();
        Snapshot previous = new Snapshot(NAME, readAnchorFile());
        ChangePlan plan = diff(desired, installed());
        load(render(desired));
        InstalledState after = installed();
        List<EnforcedItem> want = PfAnchorReader.normalise(desired.items());
        boolean matches = after instanceof InstalledState.Present present
                && present.metadata().equals(Optional.of(desired.metadata()))
                && PfAnchorReader.normalise(present.items()).equals(want);
        if (!matches) {
            try {
                restore(previous);
            } catch (EnforcementException e) {
                throw new EnforcementException(
                        "the anchor read back differs from the one loaded, and restoring the previous one failed: "
                                + e.getMessage(),
                        false,
                        e);
            }
            throw new EnforcementException(
                    "the anchor read back differs from the one loaded; the previous anchor was restored", true);
        }
        return new Applied(plan, (InstalledState.Present) after, previous);
    }

    @Override
    public void restore(Snapshot previous) {
        try {
            if (previous.content().isPresent()) {
                load(previous.content().get());
            } else {
                flush();
                Files.deleteIfExists(anchorFile);
            }
        } catch (EnforcementException e) {
            throw new EnforcementException("restoring the previous anchor failed: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new EnforcementException("cannot delete " + anchorFile + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public EnforcementStatus status() {
        InstalledState installed = installed();
        if (!(installed instanceof InstalledState.Present present)) {
            return EnforcementStatus.notInstalled(NAME);
        }
        List<RuleCounter> counters = new ArrayList<>();
        List<PfAnchorReader.Line> lines =
                readAnchorFile().map(text -> PfAnchorReader.read(text).rules()).orElse(List.of());
        List<long[]> loaded = countersOfLoadedRules();
        if (loaded.size() == lines.size()) {
            for (int i = 0; i < lines.size(); i++) {
                PfAnchorReader.Line line = lines.get(i);
                counters.add(new RuleCounter(
                        line.direction(),
                        line.deny() ? "default deny (" + line.text() + ")" : line.countsFor() + ": " + line.text(),
                        line.deny() ? Action.DENY : Action.ALLOW,
                        loaded.get(i)[0],
                        loaded.get(i)[1]));
            }
        }
        return new EnforcementStatus(NAME, present.metadata(), present.items().size(), counters);
    }

    @Override
    public Removed disable() {
        Snapshot previous = new Snapshot(NAME, readAnchorFile());
        InstalledState before = installed();
        if (before instanceof InstalledState.Absent) {
            return new Removed(before, previous);
        }
        flush();
        try {
            Files.deleteIfExists(anchorFile);
        } catch (IOException e) {
            throw new EnforcementException(
                    "the anchor was flushed but " + anchorFile + " could not be deleted: " + e.getMessage(), false, e);
        }
        return new Removed(before, previous);
    }

    /** pf must be enabled and its main ruleset must jump into our anchor, or nothing is enforced. */
    private void requireAnchorEvaluated() {
        String info = pfctl(List.of("-s", "info")).stdout();
        if (!info.contains("Status: Enabled")) {
            throw new EnforcementException("pf is disabled: enable it with 'pfctl -E' (or 'pfctl -e')", true);
        }
        String main = pfctl(List.of("-s", "rules")).stdout();
        if (!main.contains("anchor \"" + ANCHOR + "\"")) {
            throw new EnforcementException(
                    "pf's main ruleset does not evaluate the anchor '" + ANCHOR + "': add 'anchor \"" + ANCHOR
                            + "\"' and 'load anchor \"" + ANCHOR + "\" from \"" + anchorFile
                            + "\"' to /etc/pf.conf and reload it with 'pfctl -f /etc/pf.conf'",
                    true);
        }
    }

    /**
     * Checks the text with {@code pfctl -n}, loads it into the anchor (atomic in pf), then moves it
     * into place; on any failure the loaded anchor and the file stay as they were.
     */
    private void load(String text) {
        Path staged = anchorFile.resolveSibling(anchorFile.getFileName() + ".new");
        try {
            Files.createDirectories(anchorFile.toAbsolutePath().getParent());
            Files.writeString(staged, text, StandardCharsets.UTF_8);
            ProcessRunner.Result check = pfctl(List.of("-a", ANCHOR, "-n", "-f", staged.toString()));
            if (!check.succeeded()) {
                throw new EnforcementException(
                        "pfctl refused the anchor, nothing was changed: " + check.message(), true);
            }
            ProcessRunner.Result loaded = pfctl(List.of("-a", ANCHOR, "-f", staged.toString()));
            if (!loaded.succeeded()) {
                throw new EnforcementException(
                        "pfctl could not load the anchor, nothing was changed: " + loaded.message(), true);
            }
            try {
                Files.move(staged, anchorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged, anchorFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new EnforcementException("cannot write " + anchorFile + ": " + e.getMessage(), true, e);
        } finally {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException e) {
                // a leftover staging file is harmless: it is rewritten on the next apply
            }
        }
    }

    private void flush() {
        ProcessRunner.Result flushed = pfctl(List.of("-a", ANCHOR, "-F", "rules"));
        if (!flushed.succeeded()) {
            throw new EnforcementException("pfctl could not flush the anchor: " + flushed.message(), true);
        }
    }

    /** The rules pf has loaded in our anchor, one line each. */
    private List<String> loadedRules() {
        ProcessRunner.Result rules = pfctl(List.of("-a", ANCHOR, "-s", "rules"));
        if (!rules.succeeded()) {
            throw new EnforcementException("pfctl cannot list the anchor: " + rules.message(), true);
        }
        return rules.stdout()
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith(" "))
                .toList();
    }

    /** {packets, bytes} of each loaded rule, in order, from {@code pfctl -v -s rules}. */
    private List<long[]> countersOfLoadedRules() {
        ProcessRunner.Result rules = pfctl(List.of("-a", ANCHOR, "-v", "-s", "rules"));
        List<long[]> counters = new ArrayList<>();
        if (!rules.succeeded()) {
            return counters;
        }
        for (String line : rules.stdout().lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[ Evaluations:")) {
                counters.add(new long[] {number(trimmed, "Packets:"), number(trimmed, "Bytes:")});
            }
        }
        return counters;
    }

    private static long number(String line, String label) {
        int at = line.indexOf(label);
        if (at < 0) {
            return 0;
        }
        String rest = line.substring(at + label.length()).strip();
        int end = 0;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Long.parseLong(rest.substring(0, end));
    }

    private Optional<String> readAnchorFile() {
        try {
            return Files.exists(anchorFile)
                    ? Optional.of(Files.readString(anchorFile, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + anchorFile, e);
        }
    }

    private ProcessRunner.Result pfctl(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add("pfctl");
        command.addAll(arguments);
        try {
            return runner.run(command, "");
        } catch (UncheckedIOException e) {
            throw new EnforcementException(
                    "pfctl is not available (" + e.getMessage() + "): pf enforcement needs macOS or a BSD", true, e);
        }
    }
}
