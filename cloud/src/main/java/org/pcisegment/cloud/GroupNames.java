package org.pcisegment.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Names of the groups we create and the tags that mark them. */
public final class GroupNames {
    /** Tag naming the policy (or policies, comma-separated) a group serves. */
    public static final String POLICY_TAG = "pci-segment-policy";

    /** Longest name both providers accept (Azure: 80). */
    private static final int MAX_NAME = 80;

    private GroupNames() {}

    /** "pci-segment-cde-payment-api", or "pci-segment-combined-1a2b3c4d5e" for several policies. */
    public static String of(String prefix, List<String> policies) {
        String name = policies.size() == 1
                ? prefix + policies.getFirst()
                : prefix + "combined-" + shortHash(String.join(",", policies), 10);
        if (name.length() <= MAX_NAME) {
            return name;
        }
        return name.substring(0, MAX_NAME - 11) + "-" + shortHash(name, 10);
    }

    /** The first {@code length} hex digits of the SHA-256 of {@code text}. */
    public static String shortHash(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
