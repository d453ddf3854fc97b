package org.pcisegment.kube.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;

class CalicoSelectorParserTest {
    private static final Map<String, String> PCI_WEB = Map.of("PCI", "true", "app", "web", "name", "payment-api");
    private static final Map<String, String> PLAIN = Map.of("app", "batch");

    private static boolean matches(String selector, Map<String, String> labels) {
        return CalicoSelectorParser.parse(selector, SourceSpan.of("test")).matches(labels);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "PCI == \"true\";true;false",
                "PCI != 'true';false;true",
                "has(PCI);true;false",
                "!has(PCI);false;true",
                "app in {'web', 'api'};true;false",
                "app not in {\"web\"};false;true",
                "all();true;true",
                "global();false;false",
                "name starts with 'pay';true;false",
                "name ends with '-api';true;false",
                "name contains 'ment';true;false",
                "app == 'batch' || PCI == 'true' && app == 'nope';false;true",
                "(app == 'batch' || PCI == 'true') && !has(tier);true;true",
                "!(app == 'web');false;true",
            })
    void evaluatesCalicoSelectors(String selector, boolean onPciWeb, boolean onPlain) {
        assertThat(matches(selector.strip(), PCI_WEB)).isEqualTo(onPciWeb);
        assertThat(matches(selector.strip(), PLAIN)).isEqualTo(onPlain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app ==", "has(", "app in {'a'", "foo()", "app == 'x' extra", "app = 'x'", "&& a == 'b'"})
    void rejectsMalformedSelectorsWithTheirPosition(String selector) {
        assertThatThrownBy(() -> CalicoSelectorParser.parse(selector, new SourceSpan("p.yaml", 4, 13)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("invalid Calico selector")
                .hasMessageContaining("at character")
                .extracting(e -> ((InputException) e).located())
                .asString()
                .startsWith("p.yaml:4:13: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptySelectorSelectsEverything(String selector) {
        assertThat(matches(selector, PLAIN)).isTrue();
    }
}
