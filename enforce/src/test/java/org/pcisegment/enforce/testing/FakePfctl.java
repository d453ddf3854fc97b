package org.pcisegment.enforce.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pcisegment.enforce.ProcessRunner;

/**
 * A stand-in for pfctl where there is none (Linux CI): records every argument list and keeps the
 * one state pfctl keeps for us, the rules loaded in the anchor, printed back the way pfctl prints
 * them. {@link #refuseLoads} makes loading fail as pfctl does on a rule it rejects.
 */
public final class FakePfctl implements ProcessRunner {
    public final List<List<String>> calls = new ArrayList<>();
    public List<String> loaded = new ArrayList<>();
    public boolean enabled = true;
    public boolean anchorReferenced = true;
    public boolean refuseLoads;

    @Override
    public Result run(List<String> command, String stdin) {
        calls.add(List.copyOf(command));
        List<String> args = command.subList(1, command.size());
        if (args.equals(List.of("-s", "info"))) {
            return ok("Status: " + (enabled ? "Enabled" : "Disabled") + " for 0 days 00:10:00\n");
        }
        if (args.equals(List.of("-s", "rules"))) {
            return ok(
                    anchorReferenced
                            ? "scrub-anchor \"com.apple/*\" all fragment reassemble\nanchor \"pci-segment\" all\n"
                            : "");
        }
        if (args.equals(List.of("-a", "pci-segment", "-s", "rules"))) {
            return ok(String.join("\n", loaded) + (loaded.isEmpty() ? "" : "\n"));
        }
        if (args.equals(List.of("-a", "pci-segment", "-v", "-s", "rules"))) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < loaded.size(); i++) {
                out.append(loaded.get(i)).append('\n');
                out.append("  [ Evaluations: ")
                        .append(100 + i)
                        .append("       Packets: ")
                        .append(10 * i)
                        .append("         Bytes: ")
                        .append(1000 * i)
                        .append("         States: 0     ]\n");
            }
            return ok(out.toString());
        }
        if (args.equals(List.of("-a", "pci-segment", "-F", "rules"))) {
            loaded = new ArrayList<>();
            return new Result(0, "", "rules cleared\n");
        }
        if (args.size() == 5
                && args.subList(0, 3).equals(List.of("-a", "pci-segment", "-n"))
                && args.get(3).equals("-f")) {
            return refuseLoads ? new Result(1, "", "stdin:12: syntax error\n") : ok("");
        }
        if (args.size() == 4 && args.subList(0, 3).equals(List.of("-a", "pci-segment", "-f"))) {
            if (refuseLoads) {
                return new Result(1, "", "pfctl: Syntax error in config file: pf rules not loaded\n");
            }
            loaded = rulesOf(Path.of(args.get(3)));
            return ok("");
        }
        return new Result(1, "", "fake pfctl: unexpected arguments " + args + "\n");
    }

    /** The rule lines of an anchor file as pfctl lists them (comments and blanks dropped). */
    private static List<String> rulesOf(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.startsWith("pass") && l.contains(" proto tcp") ? l + " flags S/SA keep state" : l)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result ok(String stdout) {
        return new Result(0, stdout, "");
    }
}
