package org.pcisegment.cloud;

/**
 * A cloud account seen through its official SDK: reads the groups and instances in the configured
 * scope and carries out one plan step at a time. Implementations use the SDK's own credential chain
 * and retry policy; they never read or log secrets.
 */
public interface CloudProvider extends AutoCloseable {

    /** The provider's rule model (no SDK calls). */
    ProviderRules rules();

    /** Every group and instance in scope, paging through the API. */
    CloudState read();

    /**
     * Carries out one step. {@code ids} maps group names to ids: it holds the groups that existed
     * when the plan was made, and a creation adds the new group's id to it.
     */
    void apply(Change change, GroupIds ids);

    @Override
    void close();
}
