package org.pcisegment.kube.calico;

import java.util.OptionalDouble;
import org.pcisegment.core.source.SourceSpan;

/** A Calico {@code Tier}: tiers are evaluated in ascending order; the default tier comes last. */
public record CalicoTier(String name, OptionalDouble order, SourceSpan span) {}
