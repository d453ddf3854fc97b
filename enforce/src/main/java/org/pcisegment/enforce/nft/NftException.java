package org.pcisegment.enforce.nft;

/** nftables refused a batch or could not be reached; the message is nftables' own error text. */
final class NftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NftException(String message) {
        super(message);
    }

    NftException(String message, Throwable cause) {
        super(message, cause);
    }
}
