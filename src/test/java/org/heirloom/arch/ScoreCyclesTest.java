package org.heirloom.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.heirloom.score.MetricRegistry;

/**
 * The metric families (text, model, toxicity, ...) offer {@code MetricEntry}s; only the registry
 * collects them. A family that reached back into the registry would close the circle again.
 * (Consumers of the registry, such as the score benchmark, may of course use it.)
 */
@AnalyzeClasses(
        packages = "org.heirloom.score",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ScoreCyclesTest {

    @ArchTest
    static final ArchRule scoreSubPackagesAreFreeOfCycles =
            slices().matching("org.heirloom.score.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule familiesDoNotDependOnTheRegistry =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "org.heirloom.score.text..",
                            "org.heirloom.score.model..",
                            "org.heirloom.score.toxicity..")
                    .should()
                    .dependOnClassesThat()
                    .belongToAnyOf(MetricRegistry.class)
                    .because("the registry collects the families, not the other way round");
}
