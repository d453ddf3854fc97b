package org.pcisegment.cli;

import org.pcisegment.enforce.Backends;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --backend}: which enforcement backend a command works on. */
final class BackendOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--backend",
            paramLabel = "NAME",
            description = "Enforcement backend: nft (Linux nftables), pf (macOS/BSD), or another this build has"
                    + " (default: pf on macOS/BSD, nft elsewhere).")
    String backend = Backends.defaultName();

    String name() {
        if (!Backends.names().contains(backend)) {
            throw new ParameterException(
                    spec.commandLine(), "unknown backend '" + backend + "'; expected one of " + Backends.names());
        }
        return backend;
    }
}
