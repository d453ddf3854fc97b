package org.pcisegment.enforce.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.pcisegment.core.ir.Flow;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.Protocol;

/**
 * Probes many flows at once and compares each outcome with an expectation: the core of every
 * live-traffic test. Probes run in parallel on the source hosts' namespace threads, so the run
 * takes about one timeout per round of blocked flows, not one per flow.
 */
public final class FlowMatrix {
    /** One probe: from a host to an address of another, on a protocol and port. */
    public record Probe(Host from, Host to, Flow flow) {
        @Override
        public String toString() {
            return from + " -> " + to + " " + flow;
        }
    }

    /** A probe, what was expected, and what happened. */
    public record Outcome(Probe probe, boolean expected, boolean reached) {
        public boolean matches() {
            return expected == reached;
        }

        /**
         * "FALSE NEGATIVE" when a flow that must be blocked got through, "FALSE POSITIVE" when an
         * allowed flow was blocked (the terms).
         */
        @Override
        public String toString() {
            String verdict = matches()
                    ? (reached ? "ok, reached: " : "ok, blocked: ")
                    : (reached
                            ? "FALSE NEGATIVE, reached but must be blocked: "
                            : "FALSE POSITIVE, blocked but must pass: ");
            return verdict + probe;
        }
    }

    private FlowMatrix() {}

    /**
     * Every (source, destination, family, service) with source and destination different hosts
     * and at least one of them accepted by {@code involves}.
     */
    public static List<Probe> probes(List<Host> hosts, Predicate<Host> involves, List<Service> services) {
        List<Probe> probes = new ArrayList<>();
        for (Host from : hosts) {
            for (Host to : hosts) {
                if (from == to || !(involves.test(from) || involves.test(to))) {
                    continue;
                }
                for (IpFamily family : IpFamily.values()) {
                    for (Service service : services) {
                        probes.add(new Probe(
                                from,
                                to,
                                new Flow(
                                        from.address(family), to.address(family), service.protocol(), service.port())));
                    }
                }
            }
        }
        return probes;
    }

    /** A protocol and port. */
    public record Service(Protocol protocol, int port) {
        public static Service tcp(int port) {
            return new Service(Protocol.TCP, port);
        }

        public static Service udp(int port) {
            return new Service(Protocol.UDP, port);
        }
    }

    /** Runs every probe in parallel and pairs it with {@code expected}'s answer. */
    public static List<Outcome> run(List<Probe> probes, Predicate<Flow> expected, Duration timeout) {
        List<Future<Boolean>> results = new ArrayList<>();
        for (Probe probe : probes) {
            results.add(probe.from().submit(() -> switch (probe.flow().protocol()) {
                case TCP -> Prober.tcp(probe.flow().destination(), probe.flow().port(), timeout);
                case UDP -> Prober.udp(probe.flow().destination(), probe.flow().port(), timeout);
                case SCTP -> throw new IllegalArgumentException("the prober speaks TCP and UDP");
            }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            try {
                outcomes.add(new Outcome(
                        probes.get(i),
                        expected.test(probes.get(i).flow()),
                        results.get(i).get()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("probe " + probes.get(i) + " failed: " + e.getCause(), e.getCause());
            }
        }
        return outcomes;
    }

    /** The outcomes that differ from the expectation, one per line, for assertion messages. */
    public static String mismatches(List<Outcome> outcomes) {
        StringBuilder text = new StringBuilder();
        for (Outcome outcome : outcomes) {
            if (!outcome.matches()) {
                text.append(outcome).append('\n');
            }
        }
        return text.toString();
    }
}
