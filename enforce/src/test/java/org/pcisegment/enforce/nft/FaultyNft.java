package org.pcisegment.enforce.nft;

import org.pcisegment.enforce.Enforcer;

/**
 * nftables backends with an injected fault, for tests outside this package (the CLI's): the
 * kernel is handed a transaction it must refuse, so nothing changes.
 */
public final class FaultyNft {
    private FaultyNft() {}

    /** A backend whose every replacing transaction the kernel refuses (a jump to a missing chain). */
    public static Enforcer refusingCommits() {
        return new NftEnforcer(
                new NftLiveTrafficTest.InjectedFailure(Libnftables.open().orElseThrow(), true), NftOptions.DEFAULTS);
    }
}
