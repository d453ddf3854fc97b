package org.pcisegment.audit;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;
import org.pcisegment.core.source.Suggestions;

/**
 * Which records {@code audit query} and {@code audit export} select: a time window ({@code since}
 * inclusive, {@code until} exclusive) and event types (an action such as {@code flow-denied}, or a
 * family such as {@code flow}); an empty type set selects every type.
 */
public record RecordFilter(Optional<Instant> since, Optional<Instant> until, Set<String> types) {
    public static final RecordFilter ALL = new RecordFilter(Optional.empty(), Optional.empty(), Set.of());

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([smhdw])");

    public RecordFilter {
        types = Set.copyOf(types);
        for (String type : types) {
            if (!knownTypes().contains(type)) {
                throw new InputException(
                        SourceSpan.of("--type"),
                        "unknown event type '" + type + "'" + Suggestions.hint(type, knownTypes())
                                + "; types are the families " + families() + " or an action such as flow-denied");
            }
        }
    }

    /**
     * Builds a filter from command-line text, reading times as ISO instants ({@code
     * 2026-11-22T10:00:00Z}), local date-times taken as UTC, dates ({@code 2026-11-22}; as {@code
     * --until} a date includes that whole day), or ages before {@code now} ({@code 30m}, {@code 24h},
     * {@code 7d}, {@code 2w}).
     */
    public static RecordFilter parse(Optional<String> since, Optional<String> until, List<String> types, Instant now) {
        Optional<Instant> from = since.map(text -> parseTime("--since", text, now, false));
        Optional<Instant> to = until.map(text -> parseTime("--until", text, now, true));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InputException(
                    SourceSpan.of("--until"), "--until (" + to.get() + ") must be after --since (" + from.get() + ")");
        }
        List<String> split = new ArrayList<>();
        for (String type : types) {
            for (String part : type.split(",")) {
                if (!part.isBlank()) {
                    split.add(part.strip());
                }
            }
        }
        return new RecordFilter(from, to, new TreeSet<>(split));
    }

    static Instant parseTime(String option, String text, Instant now, boolean endOfDay) {
        String value = text.strip();
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration unit = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (endOfDay ? date.plusDays(1) : date)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new InputException(
                    SourceSpan.of(option),
                    "cannot read '" + text + "' as a time: expected 2026-11-22T10:00:00Z, 2026-11-22T10:00 (UTC),"
                            + " 2026-11-22, or an age such as 30m, 24h, 7d, 2w");
        }
    }

    public boolean matches(AuditEvent event) {
        Instant time = event.timestamp();
        if (since.isPresent() && time.isBefore(since.get())) {
            return false;
        }
        if (until.isPresent() && !time.isBefore(until.get())) {
            return false;
        }
        return types.isEmpty()
                || types.contains(event.action().actionName())
                || types.contains(event.action().family().lowerName());
    }

    /**
     * Whether a file whose records lie within [{@code started}, {@code ended}) may hold a match. A day
     * of slack covers events stamped before they were written (batched, or reported late).
     */
    boolean mayMatch(Instant started, Instant ended) {
        Duration slack = Duration.ofDays(1);
        return since.map(s -> !ended.isBefore(s.minus(slack))).orElse(true)
                && until.map(u -> started.isBefore(u.plus(slack))).orElse(true);
    }

    private static Set<String> knownTypes() {
        Set<String> known = new TreeSet<>();
        for (EventAction action : EventAction.values()) {
            known.add(action.actionName());
            known.add(action.family().lowerName());
        }
        return known;
    }

    private static String families() {
        List<String> names = new ArrayList<>();
        for (EventAction.Family family : EventAction.Family.values()) {
            names.add(family.lowerName());
        }
        return String.join(", ", names);
    }
}
