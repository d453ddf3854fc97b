package org.pcisegment.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN.md, checked on the compiled classes of every module the CLI bundles:
 * arrows point one way, core imports nothing of ours, backends never import each other.
 */
class ModuleDependencyTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.pcisegment");
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(true).check(classes);
    }

    private static String[] modulesExcept(String... allowed) {
        List<String> all = List.of("audit", "enforce", "cloud", "kube", "report", "agent", "cli");
        return all.stream()
                .filter(m -> !List.of(allowed).contains(m))
                .map(m -> "org.pcisegment." + m + "..")
                .toArray(String[]::new);
    }

    @Test
    void coreImportsNothingOfOurs() {
        check(noClasses()
                .that()
                .resideInAPackage("org.pcisegment.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(modulesExcept()));
    }

    @Test
    void auditDependsOnlyOnCore() {
        check(noClasses()
                .that()
                .resideInAPackage("org.pcisegment.audit..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(modulesExcept("audit")));
    }

    @Test
    void kubeDependsOnlyOnCore() {
        check(noClasses()
                .that()
                .resideInAPackage("org.pcisegment.kube..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(modulesExcept("kube")));
    }

    @Test
    void enforceDependsOnlyOnCoreAndAudit() {
        check(noClasses()
                .that()
                .resideInAPackage("org.pcisegment.enforce..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(modulesExcept("enforce", "audit")));
    }

    @Test
    void cloudAndReportDependOnlyOnCoreAndAudit() {
        check(noClasses()
                .that()
                .resideInAPackage("org.pcisegment.cloud..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(modulesExcept("cloud", "audit")));
        check(noClasses()
                .that()
                .resideInAPackage("org.pcisegment.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(modulesExcept("report", "audit")));
    }

    @Test
    void agentDoesNotDependOnCli() {
        check(noClasses()
                .that()
                .resideInAPackage("org.pcisegment.agent..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.pcisegment.cli.."));
    }

    @Test
    void enforcementBackendsDoNotImportEachOther() {
        List<String> backends = List.of("nft", "ebpf", "pf");
        for (String backend : backends) {
            String[] others = backends.stream()
                    .filter(b -> !b.equals(backend))
                    .map(b -> "org.pcisegment.enforce." + b + "..")
                    .toArray(String[]::new);
            check(noClasses()
                    .that()
                    .resideInAPackage("org.pcisegment.enforce." + backend + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others));
        }
    }

    @Test
    void cloudProvidersDoNotImportEachOther() {
        List<String> providers = List.of("aws", "azure", "gcp");
        for (String provider : providers) {
            String[] others = providers.stream()
                    .filter(p -> !p.equals(provider))
                    .map(p -> "org.pcisegment.cloud." + p + "..")
                    .toArray(String[]::new);
            check(noClasses()
                    .that()
                    .resideInAPackage("org.pcisegment.cloud." + provider + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others));
        }
    }
}
