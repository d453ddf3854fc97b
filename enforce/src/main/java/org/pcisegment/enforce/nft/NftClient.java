package org.pcisegment.enforce.nft;

/**
 * Runs nftables commands. Each call is one batch, which the kernel commits as one transaction or
 * not at all. Implemented by {@link Libnftables} (in-process) and {@link NftCommand} (the {@code
 * nft} program, used only when the library cannot be loaded).
 */
interface NftClient {

    /** How listings are printed. */
    enum Output {
        /** nft syntax, as {@code nft list} prints it: loadable again. */
        TEXT,
        /** nft syntax without set elements ({@code nft -t}): cheap, for the table comment. */
        TERSE_TEXT,
        /** JSON ({@code nft -j}). */
        JSON
    }

    /**
     * Runs {@code commands} as one transaction and returns what they print.
     *
     * @throws NftException with nftables' error text when the batch is refused (nothing changed)
     */
    String run(String commands, Output output);

    /**
     * Checks {@code commands} against the kernel without committing them (nftables' dry-run mode).
     *
     * @throws NftException with nftables' error text when the batch would be refused
     */
    void check(String commands);

    /** "libnftables 1.0.6" or "nft -f": how commands are run, for messages. */
    String describe();
}
