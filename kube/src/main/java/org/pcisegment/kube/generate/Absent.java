package org.pcisegment.kube.generate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Empty collections are not written (they mean nothing in these resources) and so read back as
 * absent; the typed records turn absent back into empty, so that writing and reading give the same
 * object.
 */
final class Absent {
    private Absent() {}

    static <T> List<T> list(@Nullable List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static <K, V> Map<K, V> map(@Nullable Map<K, V> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }

    static <T> Optional<T> optional(@Nullable Optional<T> optional) {
        return optional == null ? Optional.empty() : optional;
    }
}
