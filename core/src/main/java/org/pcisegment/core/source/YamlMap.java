package org.pcisegment.core.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML mapping with string keys, in file order, and the typed accessors the loaders use. Every
 * accessor that finds the wrong type throws an {@link InputException} naming the field, where it
 * is and what was expected.
 */
public record YamlMap(List<Entry> entries, SourceSpan span) implements YamlValue {

    /** One key and its value, with the key's own position. */
    public record Entry(String key, SourceSpan keySpan, YamlValue value) {}

    public YamlMap {
        entries = List.copyOf(entries);
    }

    @Override
    public String describe() {
        return "a mapping";
    }

    public Optional<YamlValue> get(String key) {
        for (Entry entry : entries) {
            if (entry.key().equals(key)) {
                return Optional.of(entry.value());
            }
        }
        return Optional.empty();
    }

    /** The value of a key, absent when missing or written as an empty value ({@code key:}). */
    public Optional<YamlValue> present(String key) {
        return get(key).filter(v -> !(v instanceof YamlScalar s && s.isNull()));
    }

    public boolean has(String key) {
        return get(key).isPresent();
    }

    public Optional<SourceSpan> keySpan(String key) {
        return entries.stream()
                .filter(e -> e.key().equals(key))
                .map(Entry::keySpan)
                .findFirst();
    }

    /** The keys of this mapping, in file order. */
    public List<String> keys() {
        return entries.stream().map(Entry::key).toList();
    }

    /**
     * Rejects keys outside {@code known}, with a "did you mean" hint for near misses.
     *
     * @param where what this mapping is, for the message ("spec", "ingress rule")
     */
    public void requireKnownKeys(Collection<String> known, String where) {
        for (Entry entry : entries) {
            if (!known.contains(entry.key())) {
                Set<String> sorted = new TreeSet<>(known);
                throw new InputException(
                        entry.keySpan(),
                        "unknown field '"
                                + entry.key()
                                + "' in "
                                + where
                                + Suggestions.hint(entry.key(), known)
                                + "; expected one of: "
                                + String.join(", ", sorted));
            }
        }
    }

    public Optional<String> string(String key) {
        return present(key).map(v -> asString(v, key));
    }

    public String requiredString(String key, String where) {
        return string(key).orElseThrow(() -> missing(key, where));
    }

    public Optional<YamlMap> map(String key) {
        return map(key, key);
    }

    /** A mapping field; {@code field} is its full path for messages ("spec.podSelector.matchLabels"). */
    public Optional<YamlMap> map(String key, String field) {
        return present(key).map(v -> asMap(v, field));
    }

    public Optional<YamlList> list(String key) {
        return list(key, key);
    }

    /** A list field; {@code field} is its full path for messages ("spec.ingress[0].from"). */
    public Optional<YamlList> list(String key, String field) {
        return present(key).map(v -> asList(v, field));
    }

    /** An integer field; the value is returned whole, range checks are the caller's. */
    public OptionalLong integer(String key) {
        return integer(key, key);
    }

    /** An integer field; {@code field} is its full path for messages. */
    public OptionalLong integer(String key, String field) {
        Optional<YamlValue> value = present(key);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        return value.get() instanceof YamlScalar s && s.asLong().isPresent()
                ? s.asLong()
                : throwWrongType(value.get(), field, "a whole number");
    }

    /** A mapping of string keys to string values, such as labels or annotations. */
    public Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        map(key).ifPresent(m -> {
            for (Entry entry : m.entries()) {
                result.put(entry.key(), asString(entry.value(), key + "." + entry.key()));
            }
        });
        return result;
    }

    /** A list of strings. */
    public List<String> stringList(String key) {
        List<String> result = new ArrayList<>();
        list(key).ifPresent(l -> l.items().forEach(item -> result.add(asString(item, key + "[]"))));
        return result;
    }

    public InputException missing(String key, String where) {
        return new InputException(span, "missing required field '" + key + "' in " + where);
    }

    /** Reads a value as a string; numbers and booleans are taken as written, as Kubernetes does. */
    public static String asString(YamlValue value, String field) {
        if (value instanceof YamlScalar s && !s.isNull()) {
            return s.text();
        }
        return throwWrongType(value, field, "a string");
    }

    public static YamlMap asMap(YamlValue value, String field) {
        if (value instanceof YamlMap m) {
            return m;
        }
        return throwWrongType(value, field, "a mapping (key: value pairs)");
    }

    public static YamlList asList(YamlValue value, String field) {
        if (value instanceof YamlList l) {
            return l;
        }
        return throwWrongType(value, field, "a list");
    }

    public static <T> T throwWrongType(YamlValue value, String field, String expected) {
        throw new InputException(
                value.span(), "field '" + field + "' must be " + expected + ", found " + value.describe());
    }
}
