package org.pcisegment.report.trail;

import java.time.Instant;
import java.util.Optional;

/** A failure of a security control the audit log recorded: an enforcement failure or integrity alert. */
public record ControlFailure(Instant time, String action, String host, String message, Optional<String> error) {}
