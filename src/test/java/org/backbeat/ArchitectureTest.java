package org.backbeat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The one-way arrows of DESIGN.md: ui -> play, model, train -> groove, midi. Nothing below ui
 * imports JavaFX, so the core runs in the CLI, on servers and in plain unit tests.
 */
@AnalyzeClasses(packages = "org.backbeat", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyUiUsesJavaFx = noClasses().that().resideOutsideOfPackage("org.backbeat.ui..")
        .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule grooveIsPure = noClasses().that().resideInAPackage("org.backbeat.groove..")
        .should().dependOnClassesThat().resideInAnyPackage("org.backbeat.midi..", "org.backbeat.data..",
            "org.backbeat.model..", "org.backbeat.train..", "org.backbeat.play..", "org.backbeat.ui..",
            "org.backbeat.cli..");

    @ArchTest
    static final ArchRule midiOnlyKnowsGrooves = noClasses().that().resideInAPackage("org.backbeat.midi..")
        .should().dependOnClassesThat().resideInAnyPackage("org.backbeat.data..", "org.backbeat.model..",
            "org.backbeat.train..", "org.backbeat.play..", "org.backbeat.ui..", "org.backbeat.cli..");

    @ArchTest
    static final ArchRule modelAndDataStayBelowTraining = noClasses().that()
        .resideInAnyPackage("org.backbeat.model..", "org.backbeat.data..", "org.backbeat.play..")
        .should().dependOnClassesThat().resideInAnyPackage("org.backbeat.train..", "org.backbeat.ui..",
            "org.backbeat.cli..");

    @ArchTest
    static final ArchRule modelDoesNotNeedPlayback = noClasses().that().resideInAnyPackage("org.backbeat.model..")
        .should().dependOnClassesThat().resideInAnyPackage("org.backbeat.play..");

    @ArchTest
    static final ArchRule coreNeverReachesUp = noClasses().that().resideInAnyPackage("org.backbeat.train..")
        .should().dependOnClassesThat().resideInAnyPackage("org.backbeat.ui..", "org.backbeat.cli..",
            "org.backbeat.play..");

    @ArchTest
    static final ArchRule uiAndCliAreSiblings = noClasses().that().resideInAPackage("org.backbeat.ui..")
        .should().dependOnClassesThat().resideInAPackage("org.backbeat.cli..");
}
