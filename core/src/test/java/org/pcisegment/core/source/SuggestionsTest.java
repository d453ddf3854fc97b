package org.pcisegment.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> FIELDS = List.of("podSelector", "policyTypes", "ingress", "egress");

    @Test
    void suggestsTheClosestNameForTyposTranspositionsAndCase() {
        assertThat(Suggestions.closest("podSelecter", FIELDS)).contains("podSelector");
        assertThat(Suggestions.closest("egrses", FIELDS)).contains("egress");
        assertThat(Suggestions.closest("Ingress", FIELDS)).contains("ingress");
        assertThat(Suggestions.hint("polcyTypes", FIELDS)).isEqualTo(" (did you mean 'policyTypes'?)");
    }

    @Test
    void staysSilentWhenNothingIsClose() {
        assertThat(Suggestions.closest("selector", FIELDS)).isEmpty();
        assertThat(Suggestions.closest("x", FIELDS)).isEmpty();
        assertThat(Suggestions.hint("namespace", FIELDS)).isEmpty();
    }

    @Test
    void distanceCountsEditsAndAdjacentSwapsOnce() {
        assertThat(Suggestions.distance("cidr", "cidr")).isZero();
        assertThat(Suggestions.distance("cdir", "cidr")).isEqualTo(1);
        assertThat(Suggestions.distance("port", "ports")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
