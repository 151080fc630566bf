package org.backbeat;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.backbeat.memory.OpenBlasCore;

/**
 * The packages and their one-way arrows, for every class under {@code org.backbeat}:
 *
 * <pre>
 * Launcher → ui, cli → (bench →) studio, play, train → model, data → midi → groove
 * </pre>
 *
 * A package may use only packages to its right ({@code ui} and {@code cli} are siblings, as are
 * {@code studio}, {@code play} and {@code train}, and {@code model} and {@code data}); {@code bench}
 * (the benchmarks and their reference grooves) is used by {@code cli} only and may use everything
 * below it. Beside the chain: {@code io} (safe file writes, input checks) and {@code memory} (the
 * process's memory figures, the native heap's trim) may be used by every package but {@code groove}
 * and use none; the root package's {@code Backbeat} (process
 * settings, version) is used by {@code Launcher}, {@code ui} and {@code cli} only. Nothing below {@code ui} imports JavaFX. The README states the same arrows.
 */
@AnalyzeClasses(packages = "org.backbeat", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String LAUNCHER = "Launcher";
    private static final String UI = "ui";
    private static final String CLI = "cli";
    private static final String BENCH = "bench";
    private static final String STUDIO = "studio";
    private static final String PLAY = "play";
    private static final String TRAIN = "train";
    private static final String MODEL = "model";
    private static final String DATA = "data";
    private static final String MIDI = "midi";
    private static final String GROOVE = "groove";
    private static final String IO = "io";
    private static final String MEMORY = "memory";
    private static final String ROOT = "root";

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture()
        .layer(LAUNCHER).definedBy(belongToAnyOf(Launcher.class))
        .layer(ROOT).definedBy(resideInAPackage("org.backbeat").and(not(belongToAnyOf(Launcher.class))))
        .layer(UI).definedBy("org.backbeat.ui..")
        .layer(CLI).definedBy("org.backbeat.cli..")
        .layer(BENCH).definedBy("org.backbeat.bench..")
        .layer(STUDIO).definedBy("org.backbeat.studio..")
        .layer(PLAY).definedBy("org.backbeat.play..")
        .layer(TRAIN).definedBy("org.backbeat.train..")
        .layer(MODEL).definedBy("org.backbeat.model..")
        .layer(DATA).definedBy("org.backbeat.data..")
        .layer(MIDI).definedBy("org.backbeat.midi..")
        .layer(GROOVE).definedBy("org.backbeat.groove..")
        .layer(IO).definedBy("org.backbeat.io..")
        .layer(MEMORY).definedBy("org.backbeat.memory..")

        // The jar's entry point chooses between the studio and the command line; nothing calls it.
        .whereLayer(LAUNCHER).mayNotBeAccessedByAnyLayer()
        // The JavaFX studio is a front end: no other package may need a window.
        .whereLayer(UI).mayOnlyBeAccessedByLayers(LAUNCHER)
        // The command line is a front end beside the studio; the studio must not run commands.
        .whereLayer(CLI).mayOnlyBeAccessedByLayers(LAUNCHER)
        // Benchmarks measure the packages below for `backbeat bench`; no product code may depend on one.
        .whereLayer(BENCH).mayOnlyBeAccessedByLayers(CLI)
        // The studio session is what the studio window binds to; the core below must not know it.
        .whereLayer(STUDIO).mayOnlyBeAccessedByLayers(LAUNCHER, UI, CLI, BENCH)
        // Playback is a service of the front ends; models, data and training must run without sound.
        .whereLayer(PLAY).mayOnlyBeAccessedByLayers(LAUNCHER, UI, CLI, BENCH)
        // Training is one loop shared by the CLI and the wizard; inference and playback must not need it.
        .whereLayer(TRAIN).mayOnlyBeAccessedByLayers(LAUNCHER, UI, CLI, BENCH)
        // A model knows grooves, not the studio, playback or training that use it.
        .whereLayer(MODEL).mayOnlyBeAccessedByLayers(LAUNCHER, UI, CLI, BENCH, STUDIO, PLAY, TRAIN)
        // Datasets feed training and evaluation; a model file does not depend on how data is read.
        .whereLayer(DATA).mayOnlyBeAccessedByLayers(LAUNCHER, UI, CLI, BENCH, STUDIO, PLAY, TRAIN)
        // MIDI files are read and written in terms of grooves only.
        .whereLayer(MIDI).mayOnlyBeAccessedByLayers(LAUNCHER, UI, CLI, BENCH, STUDIO, PLAY, TRAIN, MODEL, DATA)
        // Grooves are the shared value every package speaks.
        .whereLayer(GROOVE).mayOnlyBeAccessedByLayers(LAUNCHER, ROOT, UI, CLI, BENCH, STUDIO, PLAY, TRAIN, MODEL, DATA,
            MIDI)
        // Grooves are pure immutable values with no dependency on the rest of Backbeat.
        .whereLayer(GROOVE).mayNotAccessAnyLayer()
        // File safety and input checks serve every package.
        .whereLayer(IO).mayOnlyBeAccessedByLayers(LAUNCHER, ROOT, UI, CLI, BENCH, STUDIO, PLAY, TRAIN, MODEL, DATA,
            MIDI)
        // The file utilities must be usable from the lowest package, so they use none.
        .whereLayer(IO).mayNotAccessAnyLayer()
        // Memory figures (resident set, heap range) and the native heap's trim serve every package that
        // measures or frees memory: training, the benchmarks.
        .whereLayer(MEMORY).mayOnlyBeAccessedByLayers(LAUNCHER, ROOT, UI, CLI, BENCH, STUDIO, PLAY, TRAIN, MODEL, DATA,
            MIDI)
        // Like io, they are usable from the lowest package, so they use none.
        .whereLayer(MEMORY).mayNotAccessAnyLayer()
        // Process settings and the version are for the entry points.
        .whereLayer(ROOT).mayOnlyBeAccessedByLayers(LAUNCHER, UI, CLI)

        .because("each package may use only the packages below it (the arrows above), so a change low down "
            + "never needs the studio, the command line, playback or training, and the core runs without a window");

    @ArchTest
    static final ArchRule onlyUiUsesJavaFx = noClasses().that().resideOutsideOfPackage("org.backbeat.ui..")
        .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
        .because("the core runs in the CLI, on servers and in plain unit tests, without a display");

    private static final DescribedPredicate<JavaClass> TOUCH_ND4J_OR_OPENBLAS =
        DescribedPredicate.describe("touch ND4J or OpenBLAS", c -> c.getDirectDependenciesFromSelf().stream()
            .map(d -> d.getTargetClass().getPackageName())
            .anyMatch(p -> p.startsWith("org.nd4j") || p.startsWith("org.bytedeco")));

    @ArchTest
    static final ArchRule openBlasIsConfiguredFirst = classes().that().areTopLevelClasses()
        .and().resideOutsideOfPackage("org.backbeat.memory..").and(TOUCH_ND4J_OR_OPENBLAS)
        .should().callMethod(OpenBlasCore.class, "configure")
        .because("OpenBLAS chooses its kernels once, as it loads, and on a CPU newer than it falls back to SSE3 "
            + "ones 4-6x slower, unless told first (memory.OpenBlasCore)");
}
