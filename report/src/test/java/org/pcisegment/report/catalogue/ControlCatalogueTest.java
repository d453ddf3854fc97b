package org.pcisegment.report.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.pci.PciRequirements;
import org.pcisegment.core.pci.PciRules;
import org.pcisegment.core.pci.RuleInfo;

class ControlCatalogueTest {
    private final ControlCatalogue catalogue = ControlCatalogue.pciDss40();

    @Test
    void listsExactlyTheRequirementsOfCoresListInOrder() {
        List<String> ids = catalogue.controls().stream().map(Control::id).toList();
        assertThat(ids).containsExactlyElementsOf(PciRequirements.all().keySet());
        assertThat(ids).hasSizeGreaterThan(250);
    }

    @Test
    void coversAllTwelvePrincipalRequirements() {
        assertThat(catalogue.controls().stream().filter(c -> c.depth() == 0).map(Control::id))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
    }

    @Test
    void titlesComeFromCoresDataFile() {
        for (Control control : catalogue.controls()) {
            assertThat(PciRequirements.title(control.id())).contains(control.title());
        }
    }

    @Test
    void everyNotAssessedItemSaysWhyAndEveryAssessedItemNamesItsEvidence() {
        for (Control control : catalogue.controls()) {
            switch (control.rule()) {
                case SECTION -> assertThat(control.depth()).isLessThanOrEqualTo(1);
                case NOT_ASSESSED -> assertThat(control.notAssessedReason()).isPresent();
                default -> {
                    assertThat(control.evidence()).as(control.id()).isNotEmpty();
                    assertThat(catalogue.describe(control.rule()))
                            .as(control.id())
                            .isNotBlank();
                }
            }
        }
    }

    @Test
    void requirementOneIsAssessedWhereTheToolHasEvidence() {
        Set<String> assessed = catalogue.controls().stream()
                .filter(c -> c.rule() != StatusRule.SECTION && c.rule() != StatusRule.NOT_ASSESSED)
                .map(Control::id)
                .collect(Collectors.toSet());
        assertThat(assessed)
                .contains(
                        "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.2.6", "1.2.7", "1.2.8", "1.3.1", "1.3.2",
                        "1.4.1", "1.4.2", "1.4.4", "10.2.1", "10.2.2", "10.3.2", "10.3.4", "10.5.1", "10.7.2", "11.4.5",
                        "11.4.6");
        assertThat(assessed).allMatch(id -> id.startsWith("1.") || id.startsWith("10.") || id.startsWith("11.4."));
    }

    @Test
    void everyRequirementAPciRuleChecksIsEvaluatedFromValidation() {
        for (RuleInfo info : PciRules.infos()) {
            Control control = catalogue.control(info.requirement()).orElseThrow();
            assertThat(control.evidence()).as(info.id()).contains(EvidenceSource.VALIDATION_FINDINGS);
        }
    }
}
