package org.pcisegment.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.pcisegment.kube.analysis.CdeCriteria;
import org.pcisegment.kube.model.Note;
import picocli.CommandLine.Option;

/** Options the kube commands share: which labels mark the CDE, and how much to tell on stderr. */
final class KubeOptions {
    @Option(
            names = "--cde-label",
            paramLabel = "KEY=VALUE",
            description = "Label that marks CDE pods or namespaces. Repeatable. Default: pci-env=cde and PCI=true.")
    List<String> cdeLabels = new ArrayList<>();

    @Option(
            names = {"-v", "--verbose"},
            description = "List every note (skipped kinds, assumptions) instead of a count.")
    boolean verbose;

    CdeCriteria cde() {
        return CdeCriteria.parse(cdeLabels);
    }

    /** Notes go to standard error so that standard output stays the report. */
    void printNotes(PrintWriter err, List<Note> notes) {
        if (notes.isEmpty()) {
            return;
        }
        if (verbose) {
            notes.forEach(note -> err.println("note: " + note));
        } else {
            err.println("note: " + notes.size() + " note(s) about the input (skipped kinds, assumptions);"
                    + " -v lists them");
        }
        err.flush();
    }
}
