package org.pcisegment.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the chain uses it: lower-case hex of the digest of a line's bytes. */
final class Sha256 {
    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {}

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }

    /** True for 64 lower-case hex digits, the form every hash in the log takes. */
    static boolean isHex(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** The hash of {@code length} bytes of {@code line}, with a reused digest. */
    static String of(MessageDigest digest, byte[] line, int length) {
        digest.update(line, 0, length);
        return HEX.formatHex(digest.digest());
    }
}
