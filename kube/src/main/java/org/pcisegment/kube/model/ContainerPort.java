package org.pcisegment.kube.model;

import java.util.Optional;
import org.pcisegment.core.net.Protocol;

/**
 * A port a container declares. Policies may name it ({@code port: http}); the name resolves on the
 * destination pod. {@code hostPort} exposes it on the node's address, outside NetworkPolicy's view.
 */
public record ContainerPort(Optional<String> name, int number, Protocol protocol, Optional<Integer> hostPort) {}
