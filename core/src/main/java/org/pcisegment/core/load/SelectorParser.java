package org.pcisegment.core.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcisegment.core.policy.LabelSelector;
import org.pcisegment.core.policy.LabelSyntax;
import org.pcisegment.core.policy.SelectorRequirement;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.Suggestions;
import org.pcisegment.core.source.YamlList;
import org.pcisegment.core.source.YamlMap;
import org.pcisegment.core.source.YamlValue;

/** Reads Kubernetes label selectors ({@code matchLabels}, {@code matchExpressions}). */
public final class SelectorParser {
    private static final Set<String> SELECTOR_FIELDS = Set.of("matchLabels", "matchExpressions");
    private static final Set<String> EXPRESSION_FIELDS = Set.of("key", "operator", "values");

    private SelectorParser() {}

    /** Parses a selector mapping; {@code field} names it in messages ("spec.podSelector"). */
    public static LabelSelector parse(YamlValue value, String field) {
        if (value instanceof org.pcisegment.core.source.YamlScalar s && s.isNull()) {
            return LabelSelector.everything(value.span());
        }
        YamlMap map = YamlMap.asMap(value, field);
        map.requireKnownKeys(SELECTOR_FIELDS, field);
        Map<String, String> labels = new LinkedHashMap<>();
        map.map("matchLabels", field + ".matchLabels").ifPresent(m -> {
            for (YamlMap.Entry entry : m.entries()) {
                String labelValue = YamlMap.asString(entry.value(), field + ".matchLabels." + entry.key());
                checkKey(entry.key(), entry.keySpan());
                LabelSyntax.valueProblem(labelValue)
                        .ifPresent(p -> fail(entry.value().span(), p));
                labels.put(entry.key(), labelValue);
            }
        });
        List<SelectorRequirement> expressions = new ArrayList<>();
        map.list("matchExpressions", field + ".matchExpressions").ifPresent(list -> {
            for (YamlValue item : list.items()) {
                expressions.add(expression(item, field + ".matchExpressions[]"));
            }
        });
        return new LabelSelector(labels, expressions, map.span());
    }

    private static SelectorRequirement expression(YamlValue item, String field) {
        YamlMap map = YamlMap.asMap(item, field);
        map.requireKnownKeys(EXPRESSION_FIELDS, field);
        String key = map.requiredString("key", field);
        checkKey(key, map.keySpan("key").orElse(map.span()));
        String operatorText = map.requiredString("operator", field);
        SelectorRequirement.Operator operator = Arrays.stream(SelectorRequirement.Operator.values())
                .filter(o -> o.name().equals(operatorText))
                .findFirst()
                .orElseThrow(() -> new InputException(
                        map.get("operator").orElseThrow().span(),
                        "unknown operator '"
                                + operatorText
                                + "'"
                                + Suggestions.hint(operatorText, operatorNames())
                                + "; expected In, NotIn, Exists or DoesNotExist"));
        List<String> values = map.stringList("values");
        boolean needsValues =
                operator == SelectorRequirement.Operator.In || operator == SelectorRequirement.Operator.NotIn;
        if (needsValues && values.isEmpty()) {
            throw new InputException(map.span(), "operator " + operator + " needs a non-empty 'values' list");
        }
        if (!needsValues && !values.isEmpty()) {
            throw new InputException(
                    map.get("values").map(YamlValue::span).orElse(map.span()),
                    "operator " + operator + " takes no 'values'");
        }
        YamlList valueList = map.list("values").orElse(null);
        for (int i = 0; i < values.size(); i++) {
            int index = i;
            LabelSyntax.valueProblem(values.get(i))
                    .ifPresent(p -> fail(
                            valueList == null
                                    ? map.span()
                                    : valueList.items().get(index).span(),
                            p));
        }
        return new SelectorRequirement(key, operator, values, map.span());
    }

    private static List<String> operatorNames() {
        return Arrays.stream(SelectorRequirement.Operator.values())
                .map(Enum::name)
                .toList();
    }

    private static void checkKey(String key, org.pcisegment.core.source.SourceSpan span) {
        LabelSyntax.keyProblem(key).ifPresent(p -> fail(span, p));
    }

    private static void fail(org.pcisegment.core.source.SourceSpan span, String problem) {
        throw new InputException(span, problem);
    }
}
