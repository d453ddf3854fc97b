package org.pcisegment.enforce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * What identifies an installed ruleset: the hash of the compiled rule set it enforces ({@code
 * RuleSet.sha256()}, which changes exactly when what is allowed changes), when it was applied, and
 * the pci-segment version that applied it. Backends store it with what they install.
 */
public record EnforcementMetadata(String ruleSetSha256, Instant appliedAt, String toolVersion) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+_-]{1,30}");

    public EnforcementMetadata {
        if (!SHA256_HEX.matcher(ruleSetSha256).matches()) {
            throw new IllegalArgumentException("rule set hash must be 64 lower-case hex digits: " + ruleSetSha256);
        }
        if (!VERSION.matcher(toolVersion).matches()) {
            throw new IllegalArgumentException("tool version must be 1-30 of [0-9A-Za-z.+_-]: " + toolVersion);
        }
        appliedAt = appliedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The first 12 hex digits of the rule set hash, for display. */
    public String shortHash() {
        return ruleSetSha256.substring(0, 12);
    }
}
