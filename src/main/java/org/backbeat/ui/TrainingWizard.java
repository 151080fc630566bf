package org.backbeat.ui;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.stage.Window;

/** The "train a model from a MIDI folder" wizard (issue 8). */
final class TrainingWizard {

    private TrainingWizard() {
    }

    static void open(Window owner, FileDialogs dialogs, Consumer<Path> onModel) {
        throw new UnsupportedOperationException("the training wizard is not built yet");
    }
}
