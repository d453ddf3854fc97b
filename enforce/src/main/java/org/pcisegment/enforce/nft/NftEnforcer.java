package org.pcisegment.enforce.nft;

import java.util.Optional;
import org.pcisegment.enforce.Applied;
import org.pcisegment.enforce.ChangePlan;
import org.pcisegment.enforce.DesiredState;
import org.pcisegment.enforce.EnforcementException;
import org.pcisegment.enforce.EnforcementStatus;
import org.pcisegment.enforce.Enforcer;
import org.pcisegment.enforce.InstalledState;
import org.pcisegment.enforce.ProcessRunner;
import org.pcisegment.enforce.Removed;
import org.pcisegment.enforce.Snapshot;

/**
 * The nftables backend: our own {@code table inet pci_segment}, replaced as a whole in one
 * transaction ({@code add table; delete table; table ... {...}}), verified by reading it back (JSON
 * listing), and restored as it was read before the change when verification fails. Nothing outside
 * our table is read or touched. Works in the network namespace of the calling thread.
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
        return installed(read());
    }

    private static InstalledState installed(Optional<NftTableReader.Table> table) {
        return table.<InstalledState>map(t -> new InstalledState.Present(t.metadata(), t.items()))
                .orElseGet(InstalledState.Absent::new);
    }

    /**
     * Reads what is installed (one listing), replaces our table in one transaction, reads it back
     * (one listing) and compares. The snapshot for a rollback is our table as read before, written
     * again: the same items and metadata, with counters from zero.
     */
    @Override
    public Applied apply(DesiredState desired) {
        Optional<NftTableReader.Table> before = read();
        Snapshot previous = snapshot(before);
        ChangePlan plan = diff(desired, installed(before));
        String transaction = NftRulesetWriter.replaceTransaction(writer.table(desired));
        try {
            client.run(transaction, NftClient.Output.TEXT);
        } catch (NftException e) {
            throw new EnforcementException(
                    "nftables refused the ruleset, nothing was changed: " + e.getMessage(), true, e);
        }
        InstalledState after;
        try {
            after = installed(read());
        } catch (EnforcementException e) {
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
        Optional<NftTableReader.Table> before = read();
        Snapshot previous = snapshot(before);
        if (before.isEmpty()) {
            return new Removed(new InstalledState.Absent(), previous);
        }
        try {
            client.run(NftRulesetWriter.removeTransaction(), NftClient.Output.TEXT);
        } catch (NftException e) {
            throw new EnforcementException(
                    "nftables refused to delete our table, nothing was removed: " + e.getMessage(), true, e);
        }
        if (read().isPresent()) {
            throw new EnforcementException("our table is still there after deleting it", true);
        }
        return new Removed(installed(before), previous);
    }

    /** Our table as read, written again (empty when there was none). */
    private Snapshot snapshot(Optional<NftTableReader.Table> table) {
        return new Snapshot(NAME, table.map(t -> writer.table(t.metadata(), t.items(), t.denyComments())));
    }

    /** Our table read back from its JSON listing; empty when there is none. */
    private Optional<NftTableReader.Table> read() {
        String json;
        try {
            json = client.run("list table " + NftLayout.QUALIFIED_TABLE, NftClient.Output.JSON);
        } catch (NftException e) {
            if (String.valueOf(e.getMessage()).contains("No such file or directory")) {
                return Optional.empty(); // nftables' words for "no such table"
            }
            throw new EnforcementException("cannot read nftables state: " + e.getMessage(), true, e);
        }
        return Optional.of(NftTableReader.read(json));
    }

    /** Why the installed state is not the desired one, or empty when it is. */
    static Optional<String> mismatch(DesiredState desired, InstalledState installed) {
        return installed instanceof InstalledState.Absent
                ? Optional.of("our table is missing")
                : desired.differencesFrom(installed);
    }
}
