package org.pcisegment.enforce.nft;

/**
 * Settings of the nftables backend: the nflog group denied packets are logged to (a reader such
 * as ulogd or the pci-segment agent subscribes to it) and the rate limit of that log.
 */
public record NftOptions(int nflogGroup, int logRatePerSecond, int logBurst) {
    /** Group 8027; at most 10 denied packets a second (bursts of 20) reach user space. */
    public static final NftOptions DEFAULTS = new NftOptions(8027, 10, 20);

    public NftOptions {
        if (nflogGroup < 0 || nflogGroup > 65535) {
            throw new IllegalArgumentException("nflog group must be within 0-65535");
        }
        if (logRatePerSecond < 1 || logBurst < 1) {
            throw new IllegalArgumentException("log rate and burst must be positive");
        }
    }
}
