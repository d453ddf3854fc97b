package org.pcisegment.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;

/**
 * The Ed25519 key that signs checkpoints, kept outside the log directory as PEM files ({@code
 * audit-signing.key} PKCS#8, {@code 0600}; {@code audit-signing.pub} X.509, readable by {@code
 * openssl pkey -pubin}). Verification needs only the public half.
 */
final class CheckpointKey {
    static final String PRIVATE_FILE = "audit-signing.key";
    static final String PUBLIC_FILE = "audit-signing.pub";
    private static final String ALGORITHM = "Ed25519";
    private static final String PAYLOAD_PREFIX = "pci-segment-audit-checkpoint/1\n";

    private final PublicKey publicKey;
    private final @Nullable PrivateKey privateKey;
    private final String keyId;

    private CheckpointKey(PublicKey publicKey, @Nullable PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.keyId = keyId(publicKey);
    }

    /**
     * Loads the signing key from {@code keyDirectory}; creates it when absent and {@code mayCreate}
     * (a new log). A log that already has records must find its key: a new one would leave every
     * earlier checkpoint unverifiable.
     */
    static CheckpointKey loadOrCreate(Path keyDirectory, boolean mayCreate) {
        Path privateFile = keyDirectory.resolve(PRIVATE_FILE);
        Path publicFile = keyDirectory.resolve(PUBLIC_FILE);
        try {
            if (Files.exists(privateFile, LinkOption.NOFOLLOW_LINKS)) {
                SecureFiles.tighten(privateFile);
                PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
                        .generatePrivate(new PKCS8EncodedKeySpec(readPem(privateFile, "PRIVATE KEY")));
                return new CheckpointKey(loadPublic(publicFile).publicKey, privateKey);
            }
            if (!mayCreate) {
                throw new AuditException("the checkpoint signing key " + privateFile
                        + " is missing but the audit log already holds records: restore the key (a new key"
                        + " would make every earlier checkpoint unverifiable)");
            }
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            SecureFiles.writeAtomically(
                    publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            SecureFiles.writeAtomically(
                    privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return new CheckpointKey(pair.getPublic(), pair.getPrivate());
        } catch (IOException e) {
            throw new AuditException(
                    "cannot read or create the signing key in " + keyDirectory + ": " + SecureFiles.describe(e), e);
        } catch (GeneralSecurityException e) {
            throw new AuditException(
                    "the signing key in " + keyDirectory + " is not a valid Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** Loads a public key file for verification; a user error (exit 2) when it is missing or bad. */
    static CheckpointKey loadPublic(Path publicFile) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(readPem(publicFile, "PUBLIC KEY")));
            return new CheckpointKey(key, null);
        } catch (NoSuchFileException e) {
            throw new InputException(
                    SourceSpan.of(publicFile.toString()),
                    "the checkpoint public key is missing (it is created with the log's first record)");
        } catch (IOException e) {
            throw new InputException(
                    SourceSpan.of(publicFile.toString()), "cannot read the public key: " + SecureFiles.describe(e));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InputException(
                    SourceSpan.of(publicFile.toString()), "not an Ed25519 public key in PEM form: " + e.getMessage());
        }
    }

    /** The first 16 hex digits of the SHA-256 of the encoded public key. */
    String keyId() {
        return keyId;
    }

    /** Signs that record {@code sequence} of log {@code logId} has hash {@code sha256}. */
    Subject.Checkpoint sign(String logId, long sequence, String sha256) {
        if (privateKey == null) {
            throw new IllegalStateException("this key was loaded for verification only");
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(payload(logId, sequence, sha256));
            return new Subject.Checkpoint(
                    logId, sequence, sha256, keyId, Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new AuditException("cannot sign a checkpoint: " + e.getMessage(), e);
        }
    }

    /** Empty when the checkpoint is signed by this key; otherwise why not. */
    Optional<String> problem(Subject.Checkpoint checkpoint) {
        if (!checkpoint.keyId().equals(keyId)) {
            return Optional.of("signed with key " + checkpoint.keyId() + ", not with this log's key " + keyId);
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(payload(checkpoint.logId(), checkpoint.sequence(), checkpoint.sha256()));
            boolean valid = signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
            return valid ? Optional.empty() : Optional.of("the signature does not match its content");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("the signature is malformed (" + e.getMessage() + ")");
        }
    }

    private static byte[] payload(String logId, long sequence, String sha256) {
        return (PAYLOAD_PREFIX + logId + "\n" + sequence + "\n" + sha256 + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readPem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
