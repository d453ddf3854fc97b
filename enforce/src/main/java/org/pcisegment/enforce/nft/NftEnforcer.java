package org.pcisegment.enforce.nft;

import java.util.Optional;
import org.pcisegment.enforce.Applied;
import org.pcisegment.enforce.ChangePlan;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.EnforcementMetadata;
import org.pcisegment.enforce.EnforcementStatus;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.InstalledState;
import org.pcisegment.enforce.ProcessRunner;
import org.pcisegment.enforce.Removed;
import org.pcisegment.enforce.Snapshot;

/**
 * The nftables backend: our own {@code table inet pci_segment}, replaced as a whole in one
 * transaction ({@code add table; delete table; table ... {...}}), verified by reading it back, and
 * restored from a listing taken before the change when verification fails. Nothing outside our
 * table is read or touched. Works in the network namespace of the calling thread.
 */
public final class NftEnforcer implements Enforcer {
    public static final String NAME = "nft";

    private final NftClient client;
    private final NftRulesetWriter writer;

    NftEnforcer(NftClient client, NftOptions options) {
        this.client = client;
        this.writer = new NftRulesetWriter(options);
    }

    /**
     * The backend with libnftables loaded in-process, or the {@code nft} program when the library
     * cannot be loaded.
     */
    public static NftEnforcer create(NftOptions options) {
        NftClient client = Libnftables.open().orElseGet(() -> new NftCommand(ProcessRunner.system(), "nft"));
        return new NftEnforcer(client, options);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String target() {
        return "nftables (table " + NftLayout.QUALIFIED_TABLE + ", through " + client.describe() + ")";
    }

    @Override
    public String render(DesiredState desired) {
        return writer.table(desired);
    }

    /**
     * Asks the kernel whether it would accept {@code desired}, without committing anything.
     *
     * @throws EnforcementException with nftables' reason when it would not
     */
    public void check(DesiredState desired) {
        try {
            client.check(NftRulesetWriter.replaceTransaction(writer.table(desired)));
        } catch (NftException e) {
            throw new EnforcementException("nftables would refuse the ruleset: " + e.getMessage(), true, e);
        }
    }

    @Override
    public InstalledState installed() {
        return read().map(t -> (InstalledState) new InstalledState.Present(t.metadata(), t.items()))
                .orElseGet(InstalledState.Absent::new);
    }

    @Override
    public Applied apply(DesiredState desired) {
        Snapshot previous = snapshot();
        InstalledState before = installed();
        ChangePlan plan = diff(desired, before);
        String transaction = NftRulesetWriter.replaceTransaction(writer.table(desired));
        try {
            client.run(transaction, NftClient.Output.TEXT);
        } catch (NftException e) {
            throw new EnforcementException(
                    "nftables refused the ruleset, nothing was changed: " + e.getMessage(), true, e);
        }
        InstalledState after;
        try {
            after = installed();
        } catch (NftException e) {
            throw rolledBack(previous, "the ruleset could not be read back (" + e.getMessage() + ")");
        }
        Optional<String> mismatch = mismatch(desired, after);
        if (mismatch.isPresent()) {
            throw rolledBack(previous, "the ruleset read back differs from the one applied: " + mismatch.get());
        }
        return new Applied(plan, (InstalledState.Present) after, previous);
    }

    @Override
    public void restore(Snapshot previous) {
        String transaction = previous.content()
                .map(NftRulesetWriter::replaceTransaction)
                .orElseGet(NftRulesetWriter::removeTransaction);
        try {
            client.run(transaction, NftClient.Output.TEXT);
        } catch (NftException e) {
            throw new EnforcementException("restoring the previous ruleset failed: " + e.getMessage(), false, e);
        }
    }

    @Override
    public EnforcementStatus status() {
        return read().map(
                        t -> new EnforcementStatus(NAME, t.metadata(), t.items().size(), t.counters()))
                .orElseGet(() -> EnforcementStatus.notInstalled(NAME));
    }

    @Override
    public Removed disable() {
        Snapshot previous = snapshot();
        InstalledState before = installed();
        if (before instanceof InstalledState.Absent) {
            return new Removed(before, previous);
        }
        try {
            client.run(NftRulesetWriter.removeTransaction(), NftClient.Output.TEXT);
        } catch (NftException e) {
            throw new EnforcementException(
                    "nftables refused to delete our table, nothing was removed: " + e.getMessage(), true, e);
        }
        if (tableExists()) {
            throw new EnforcementException("our table is still there after deleting it", true);
        }
        return new Removed(before, previous);
    }

    /** The full listing of our table (loadable again), or empty when there is none. */
    private Snapshot snapshot() {
        if (!tableExists()) {
            return new Snapshot(NAME, Optional.empty());
        }
        return new Snapshot(NAME, Optional.of(list(NftClient.Output.TEXT)));
    }

    private Optional<NftTableReader.Table> read() {
        if (!tableExists()) {
            return Optional.empty();
        }
        Optional<EnforcementMetadata> metadata = NftTableReader.metadata(list(NftClient.Output.TERSE_TEXT));
        return Optional.of(NftTableReader.read(list(NftClient.Output.JSON), metadata));
    }

    private boolean tableExists() {
        return NftTableReader.hasTable(run("list tables " + NftLayout.FAMILY, NftClient.Output.JSON));
    }

    private String list(NftClient.Output output) {
        return run("list table " + NftLayout.QUALIFIED_TABLE, output);
    }

    private String run(String command, NftClient.Output output) {
        try {
            return client.run(command, output);
        } catch (NftException e) {
            throw new EnforcementException("cannot read nftables state: " + e.getMessage(), true, e);
        }
    }

    /** Why the installed state is not the desired one, or empty when it is. */
    static Optional<String> mismatch(DesiredState desired, InstalledState installed) {
        return installed instanceof InstalledState.Absent
                ? Optional.of("our table is missing")
                : desired.differencesFrom(installed);
    }
}
