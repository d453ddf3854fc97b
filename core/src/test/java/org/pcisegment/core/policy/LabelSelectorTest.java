package org.pcisegment.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.policy.SelectorRequirement.Operator;
import org.pcisegment.core.source.SourceSpan;

class LabelSelectorTest {
    private static final SourceSpan AT = SourceSpan.of("test");
    private static final Map<String, String> CDE_APP = Map.of("pci-env", "cde", "tier", "app");
    private static final Map<String, String> CDE_DB = Map.of("pci-env", "cde", "tier", "database");
    private static final Map<String, String> UNLABELLED = Map.of();

    private static SelectorRequirement req(String key, Operator operator, String... values) {
        return new SelectorRequirement(key, operator, List.of(values), AT);
    }

    private static LabelSelector selector(Map<String, String> labels, SelectorRequirement... expressions) {
        return new LabelSelector(labels, List.of(expressions), AT);
    }

    @Test
    void inMatchesOnlyListedValuesOfAPresentKey() {
        SelectorRequirement in = req("tier", Operator.In, "app", "batch");
        assertThat(in.matches(CDE_APP)).isTrue();
        assertThat(in.matches(CDE_DB)).isFalse();
        assertThat(in.matches(UNLABELLED)).isFalse();
    }

    @Test
    void notInMatchesOtherValuesAndAnAbsentKey() {
        SelectorRequirement notIn = req("tier", Operator.NotIn, "app");
        assertThat(notIn.matches(CDE_APP)).isFalse();
        assertThat(notIn.matches(CDE_DB)).isTrue();
        assertThat(notIn.matches(UNLABELLED)).isTrue();
    }

    @Test
    void existsAndDoesNotExistLookOnlyAtTheKey() {
        assertThat(req("tier", Operator.Exists).matches(CDE_APP)).isTrue();
        assertThat(req("tier", Operator.Exists).matches(Map.of("tier", ""))).isTrue();
        assertThat(req("tier", Operator.Exists).matches(UNLABELLED)).isFalse();
        assertThat(req("tier", Operator.DoesNotExist).matches(CDE_APP)).isFalse();
        assertThat(req("tier", Operator.DoesNotExist).matches(UNLABELLED)).isTrue();
    }

    @Test
    void everyLabelAndEveryExpressionMustHold() {
        LabelSelector selector = selector(Map.of("pci-env", "cde"), req("tier", Operator.NotIn, "database"));
        assertThat(selector.matches(CDE_APP)).isTrue();
        assertThat(selector.matches(CDE_DB)).isFalse();
        assertThat(selector.matches(Map.of("tier", "app"))).isFalse();
        assertThat(selector.matches(Map.of("pci-env", "CDE")))
                .as("values are case-sensitive")
                .isFalse();
    }

    @Test
    void theEmptySelectorSelectsEverything() {
        LabelSelector everything = LabelSelector.everything(AT);
        assertThat(everything.selectsEverything()).isTrue();
        assertThat(everything.matches(UNLABELLED)).isTrue();
        assertThat(everything).hasToString("{}");
    }

    @Test
    void requiresRecognisesTheLabelAsPairOrSingleValueIn() {
        assertThat(selector(Map.of("pci-env", "cde")).requires("pci-env", "cde"))
                .isTrue();
        assertThat(selector(Map.of(), req("pci-env", Operator.In, "cde")).requires("pci-env", "cde"))
                .isTrue();
        assertThat(selector(Map.of(), req("pci-env", Operator.In, "cde", "dev")).requires("pci-env", "cde"))
                .isFalse();
        assertThat(selector(Map.of(), req("pci-env", Operator.Exists)).requires("pci-env", "cde"))
                .isFalse();
    }

    @Test
    void aBroaderSelectorCoversANarrowerOne() {
        LabelSelector cde = selector(Map.of("pci-env", "cde"));
        LabelSelector cdeApp = selector(CDE_APP);
        assertThat(cde.selectsAllOf(cdeApp)).isTrue();
        assertThat(cdeApp.selectsAllOf(cde)).isFalse();
        assertThat(cde.selectsAllOf(cde)).isTrue();
        assertThat(LabelSelector.everything(AT).selectsAllOf(cdeApp)).isTrue();
        assertThat(cde.selectsAllOf(LabelSelector.everything(AT))).isFalse();

        // Expressions: implied by labels, by narrower expressions, or equal.
        assertThat(selector(Map.of(), req("tier", Operator.In, "app", "db")).selectsAllOf(cdeApp))
                .isTrue();
        assertThat(selector(Map.of(), req("tier", Operator.Exists)).selectsAllOf(cdeApp))
                .isTrue();
        assertThat(selector(Map.of(), req("tier", Operator.NotIn, "web")).selectsAllOf(cdeApp))
                .isTrue();
        assertThat(selector(Map.of(), req("tier", Operator.NotIn, "app")).selectsAllOf(cdeApp))
                .isFalse();
        assertThat(selector(Map.of(), req("tier", Operator.DoesNotExist)).selectsAllOf(cdeApp))
                .isFalse();
        assertThat(selector(Map.of("tier", "app")).selectsAllOf(selector(Map.of(), req("tier", Operator.In, "app"))))
                .isTrue();
        assertThat(selector(Map.of("tier", "app"))
                        .selectsAllOf(selector(Map.of(), req("tier", Operator.In, "app", "db"))))
                .isFalse();
        assertThat(selector(Map.of(), req("tier", Operator.NotIn, "web"))
                        .selectsAllOf(selector(Map.of(), req("tier", Operator.NotIn, "web", "db"))))
                .isTrue();
        assertThat(selector(Map.of(), req("tier", Operator.NotIn, "web"))
                        .selectsAllOf(selector(Map.of(), req("tier", Operator.DoesNotExist))))
                .isTrue();
        assertThat(selector(Map.of(), req("tier", Operator.Exists))
                        .selectsAllOf(selector(Map.of(), req("tier", Operator.NotIn, "web"))))
                .isFalse();
    }

    @Test
    void printsKubernetesSelectorSyntax() {
        assertThat(selector(
                        Map.of("pci-env", "cde"),
                        req("tier", Operator.In, "app", "db"),
                        req("zone", Operator.NotIn, "dmz"),
                        req("owner", Operator.Exists),
                        req("legacy", Operator.DoesNotExist)))
                .hasToString("pci-env=cde,tier in (app,db),zone notin (dmz),owner,!legacy");
    }
}
