package org.pcisegment.cloud;

import java.util.HashMap;
import java.util.Map;

/** Group name to provider id, for steps that name groups created earlier in the same apply. */
public final class GroupIds {
    private final Map<String, String> ids = new HashMap<>();

    public static GroupIds of(CloudState state) {
        GroupIds result = new GroupIds();
        state.groups().forEach(g -> result.ids.put(g.name(), g.id()));
        return result;
    }

    public void put(String name, String id) {
        ids.put(name, id);
    }

    /** The id of a named group, or the reference itself when it already is an id of a group we do not manage. */
    public String resolve(String nameOrId) {
        return ids.getOrDefault(nameOrId, nameOrId);
    }
}
