package org.heirloom.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Core never depends on the UI toolkit or on the two front ends. */
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
}
