package org.backbeat.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.prefs.Preferences;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Native file choosers that remember the last folder of each kind between sessions. */
public final class FxFileDialogs implements FileDialogs {

    private final Preferences prefs = Preferences.userRoot().node("org/backbeat/studio");

    @Override
    public Optional<Path> openMidi(Window owner) {
        FileChooser fc = chooser("Open MIDI", "midiFolder");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("MIDI files", "*.mid", "*.midi"));
        return remember(fc.showOpenDialog(owner), "midiFolder");
    }

    @Override
    public Optional<Path> saveMidi(Window owner, String suggestedName) {
        FileChooser fc = chooser("Export MIDI", "exportFolder");
        fc.setInitialFileName(suggestedName);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("MIDI file", "*.mid"));
        return remember(fc.showSaveDialog(owner), "exportFolder");
    }

    @Override
    public Optional<Path> openModel(Window owner) {
        FileChooser fc = chooser("Open model", "modelFolder");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Backbeat model", "*.bbm"));
        return remember(fc.showOpenDialog(owner), "modelFolder");
    }

    @Override
    public Optional<Path> openSoundFont(Window owner) {
        FileChooser fc = chooser("Choose a SoundFont", "soundFontFolder");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("SoundFont or DLS", "*.sf2", "*.dls"));
        return remember(fc.showOpenDialog(owner), "soundFontFolder");
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        File last = lastFolder("dataFolder");
        if (last != null) {
            dc.setInitialDirectory(last);
        }
        File f = dc.showDialog(owner);
        if (f != null) {
            prefs.put("dataFolder", f.getAbsolutePath());
        }
        return Optional.ofNullable(f).map(File::toPath);
    }

    private FileChooser chooser(String title, String key) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        File last = lastFolder(key);
        if (last != null) {
            fc.setInitialDirectory(last);
        }
        return fc;
    }

    private File lastFolder(String key) {
        String s = prefs.get(key, null);
        return s != null && Files.isDirectory(Path.of(s)) ? new File(s) : null;
    }

    private Optional<Path> remember(File f, String key) {
        if (f != null && f.getParentFile() != null) {
            prefs.put(key, f.getParentFile().getAbsolutePath());
        }
        return Optional.ofNullable(f).map(File::toPath);
    }
}
