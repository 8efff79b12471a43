package org.heirloom.arch;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Core never depends on the UI toolkit or on the two front ends; storage stays behind the
 * repositories; the top-level packages depend on each other without cycles.
 */
@AnalyzeClasses(packages = "org.heirloom", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule coreHasNoJavaFxUi =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.heirloom.ui..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..")
                    .because("core and CLI must run without a window (DESIGN.md)");

    @ArchTest
    static final ArchRule nothingButFrontEndsUseUi =
            noClasses()
                    .that()
                    .resideOutsideOfPackages("org.heirloom.ui..", "org.heirloom.cli..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.heirloom.ui..")
                    .because("the UI is a thin layer over core services");

    @ArchTest
    static final ArchRule coreDoesNotUseCli =
            noClasses()
                    .that()
                    .resideOutsideOfPackages("org.heirloom.cli..", "org.heirloom")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.heirloom.cli..")
                    .because("the CLI is a thin layer over core services");

    @ArchTest
    static final ArchRule uiDoesNotUseCli =
            noClasses()
                    .that()
                    .resideInAPackage("org.heirloom.ui..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.heirloom.cli..");

    /** A repository or the SQL beneath it: how a class would reach into the project's tables. */
    private static final com.tngtech.archunit.base.DescribedPredicate<JavaClass> STORAGE =
            describe(
                    "project storage (repositories, Sql, JDBC)",
                    c ->
                            (c.getPackageName().startsWith("org.heirloom")
                                            && c.getSimpleName().endsWith("Repository"))
                                    || c.getName().equals("org.heirloom.project.Sql")
                                    || c.getName().equals("org.heirloom.project.SqlWork")
                                    || c.getPackageName().equals("java.sql"));

    @ArchTest
    static final ArchRule reportQueriesNothing =
            noClasses()
                    .that()
                    .resideInAPackage("org.heirloom.report..")
                    .should()
                    .dependOnClassesThat(STORAGE)
                    .because(
                            "figures are drawn from data that core services hand over (comparisons"
                                    + " carry their items; judge, training and selection"
                                    + " summaries), so the dashboard reads each item once");

    @ArchTest
    static final ArchRule onlyTheDashboardSeesTheProject =
            noClasses()
                    .that()
                    .resideInAPackage("org.heirloom.report..")
                    .and()
                    .doNotHaveFullyQualifiedName("org.heirloom.report.Dashboard")
                    .and()
                    .doNotHaveFullyQualifiedName("org.heirloom.report.DashboardExport")
                    .should()
                    .dependOnClassesThat()
                    .haveFullyQualifiedName("org.heirloom.project.Project")
                    .because(
                            "Dashboard asks core services for data; figure and table classes take"
                                    + " that data and never the project");

    @ArchTest
    static final ArchRule modelDoesNotUseProject =
            noClasses()
                    .that()
                    .resideInAPackage("org.heirloom.model..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.heirloom.project..")
                    .because("models and their engine know nothing of project files");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages =
            slices().matching("org.heirloom.(*)..").should().beFreeOfCycles();
}
