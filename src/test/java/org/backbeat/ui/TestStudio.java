package org.backbeat.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Window;
import org.backbeat.groove.DrumMapping;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;

/** Parts for driving the real studio in tests: a tiny random model and scripted file dialogs. */
final class TestStudio {

    private TestStudio() {
    }

    /** A small model with seeded random weights: decodes in well under a millisecond. */
    static FastGrooveModel tinyModel() {
        ModelConfig c = new ModelConfig(24, 8, DecoderType.FLAT, List.of(24), 0, DrumMapping.ROLAND);
        return new FastGrooveModel(c, ModelInitializer.random(c, 11));
    }

    /** The studio's real windows, but file dialogs that answer with whatever the test put in {@link #next}. */
    static class ScriptedDialogs extends FxDialogService {
        final AtomicReference<Path> next;

        ScriptedDialogs() {
            this(new AtomicReference<>());
        }

        private ScriptedDialogs(AtomicReference<Path> next) {
            super(new ScriptedFiles(next));
            this.next = next;
        }
    }

    /** File dialogs that answer with the path in {@code next} (once), else as if cancelled. */
    private record ScriptedFiles(AtomicReference<Path> next) implements FileDialogs {

        @Override
        public Optional<Path> openMidi(Window owner) {
            return Optional.ofNullable(next.getAndSet(null));
        }

        @Override
        public Optional<Path> saveMidi(Window owner, String suggestedName) {
            return Optional.ofNullable(next.getAndSet(null));
        }

        @Override
        public Optional<Path> openModel(Window owner) {
            return Optional.ofNullable(next.getAndSet(null));
        }

        @Override
        public Optional<Path> openSoundFont(Window owner) {
            return Optional.ofNullable(next.getAndSet(null));
        }

        @Override
        public Optional<Path> chooseFolder(Window owner, String title) {
            return Optional.ofNullable(next.getAndSet(null));
        }
    }
}
