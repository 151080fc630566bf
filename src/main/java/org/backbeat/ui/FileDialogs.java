package org.backbeat.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/**
 * The file choosers the studio needs, behind an interface so that the TestFX flows can answer
 * them (a native FileChooser cannot be driven by a robot).
 */
public interface FileDialogs {

    /** A .mid file to open, if the user chose one. */
    Optional<Path> openMidi(Window owner);

    /** Where to export a .mid file, starting from {@code suggestedName}. */
    Optional<Path> saveMidi(Window owner, String suggestedName);

    /** A .bbm model file to open. */
    Optional<Path> openModel(Window owner);

    /** A SoundFont (.sf2) or DLS file for the built-in synthesizer. */
    Optional<Path> openSoundFont(Window owner);

    /** A folder of MIDI files (for the training wizard). */
    Optional<Path> chooseFolder(Window owner, String title);
}
