package org.pcisegment.kube.check;

import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.kube.analysis.CdeCriteria;
import org.pcisegment.kube.model.Taint;

/**
 * What marks the CDE for {@code kube check}: the labels of CDE pods and namespaces, the label of
 * CDE nodes, and the taint that keeps other pods off them.
 */
public record CheckOptions(CdeCriteria cde, CdeCriteria.Label cdeNodeLabel, Taint cdeTaint) {

    public static final CheckOptions DEFAULTS = new CheckOptions(
            CdeCriteria.DEFAULT, new CdeCriteria.Label("pci-env", "cde"), new Taint("pci-env", "cde", "NoSchedule"));

    /** Parses {@code KEY=VALUE}. */
    public static CdeCriteria.Label label(String text, String flag) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new InputException(SourceSpan.of(flag), "'" + text + "' is not KEY=VALUE");
        }
        return new CdeCriteria.Label(text.substring(0, equals), text.substring(equals + 1));
    }

    /** Parses {@code KEY=VALUE:EFFECT}, as {@code kubectl taint} writes it. */
    public static Taint taint(String text, String flag) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new InputException(SourceSpan.of(flag), "'" + text + "' is not KEY=VALUE:EFFECT");
        }
        String effect = text.substring(colon + 1);
        if (!effect.equals("NoSchedule") && !effect.equals("NoExecute")) {
            throw new InputException(
                    SourceSpan.of(flag),
                    "taint effect '" + effect + "' must be NoSchedule or NoExecute to keep pods off");
        }
        CdeCriteria.Label label = label(text.substring(0, colon), flag);
        return new Taint(label.key(), label.value(), effect);
    }
}
