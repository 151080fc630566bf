package org.backbeat.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import org.backbeat.play.GroovePlayer;
import org.backbeat.play.MidiGroovePlayer;
import org.backbeat.studio.SoundSettings;

/**
 * The studio's Sound menu: the SoundFont of the built-in synthesizer, the MIDI output port, and
 * their remembered choice ({@link SoundSettings}, which also says what the menu offers). Opening a
 * port, loading a SoundFont and saving the choice run on the studio's serial loader queue, in
 * order; their results come back to the FX thread. The player itself belongs to the controller:
 * a newly opened one is handed to it to take over the groove.
 */
final class SoundMenu {

    /** Opens the player for a MIDI output port, or the built-in synthesizer for null. */
    interface PlayerOpener {
        GroovePlayer open(String port) throws Exception;
    }

    private final Menu midiOutMenu;
    private final Label status;
    private final Executor loader;
    private final Supplier<GroovePlayer> player;
    private final Consumer<GroovePlayer> takeOver;
    private PlayerOpener playerOpener = port -> port == null ? MidiGroovePlayer.open() : MidiGroovePlayer.forPort(port);
    private Supplier<List<String>> portLister = MidiGroovePlayer::listExternalPorts;
    /** The ports the MIDI output menu offers (listed in the background: enumerating devices can block). */
    private List<String> ports = List.of();
    /** Where the sound choices are remembered; null when sessions are off (the test suite). */
    private Path soundFile;
    private SoundSettings sound = SoundSettings.defaults();

    /**
     * @param player   the player in use
     * @param takeOver makes a newly opened player the one in use (it plays on what the old one played)
     */
    SoundMenu(Menu soundMenu, Menu midiOutMenu, Label status, Executor loader, Supplier<GroovePlayer> player,
        Consumer<GroovePlayer> takeOver) {
        this.midiOutMenu = midiOutMenu;
        this.status = status;
        this.loader = loader;
        this.player = player;
        this.takeOver = takeOver;
        soundMenu.setOnShowing(e -> {
            fillMidiOutMenu();
            refreshPorts();
        });
        fillMidiOutMenu(); // ports are listed when the menu opens, not at start-up (it can take a while)
    }

    /** Sound > Built-in sounds: back to the synthesizer's own instruments (remembered). */
    void builtInSounds() {
        sound = sound.withSoundFont(null);
        saveSound();
        if (sound.midiPort() == null) {
            chooseOutput(null); // a fresh synthesizer has its own sounds again
        }
    }

    /** Loads {@code sf2} into the built-in synthesizer in the background; the status line says how it went. */
    void loadSoundFont(Path sf2) {
        if (!(player.get() instanceof MidiGroovePlayer m)) {
            status.setText("SoundFont not loaded: this player has no synthesizer");
            return;
        }
        status.setText("Loading " + sf2.getFileName() + "…");
        loader.execute(() -> {
            String result;
            boolean ok;
            try {
                m.loadSoundbank(sf2);
                result = "Sound: " + sf2.getFileName() + " (Java synthesizer)";
                ok = true;
            } catch (IOException | RuntimeException e) {
                result = "SoundFont not loaded: " + StudioController.oneLine(e);
                ok = false;
            }
            String message = result;
            boolean loaded = ok;
            Platform.runLater(() -> {
                status.setText(message);
                if (loaded) {
                    sound = sound.withSoundFont(sf2.toString());
                    saveSound();
                }
            });
        });
    }

    /**
     * Plays through MIDI output {@code port} (null: the built-in synthesizer) from now on: the new
     * player is opened in the background and takes over the groove, tempo, volume and swing, and
     * keeps playing if the old one was. The choice is remembered.
     */
    void chooseOutput(String port) {
        status.setText("Opening " + (port == null ? "the built-in synthesizer" : port) + "…");
        PlayerOpener opener = playerOpener;
        loader.execute(() -> {
            try {
                GroovePlayer p = opener.open(port);
                Platform.runLater(() -> usePlayer(p, port));
            } catch (Exception e) {
                Platform.runLater(() -> status.setText("MIDI output not opened: " + StudioController.oneLine(e)));
            }
        });
    }

    private void usePlayer(GroovePlayer p, String port) {
        takeOver.accept(p);
        sound = sound.withMidiPort(port);
        saveSound();
        status.setText(p.status().message());
        fillMidiOutMenu();
        sound.soundFontToLoad().ifPresent(this::loadSoundFont);
    }

    /** Applies the sound choices saved in {@code file} (start-up); a damaged file is named, not fatal. */
    void apply(Path file) {
        soundFile = file;
        try {
            sound = SoundSettings.load(file);
        } catch (IOException e) {
            status.setText("Sound settings not read: " + StudioController.oneLine(e));
            return;
        }
        if (sound.midiPort() != null) {
            chooseOutput(sound.midiPort());
        } else {
            sound.soundFontToLoad().ifPresent(this::loadSoundFont);
        }
    }

    private void saveSound() {
        if (soundFile == null) {
            return;
        }
        SoundSettings s = sound;
        Path f = soundFile;
        loader.execute(() -> {
            try {
                s.save(f);
            } catch (IOException e) {
                Platform.runLater(() -> status.setText("Sound settings not saved: " + StudioController.oneLine(e)));
            }
        });
    }

    /** Lists the MIDI output ports in the background and shows them in the menu. */
    void refreshPorts() {
        Supplier<List<String>> lister = portLister;
        loader.execute(() -> {
            List<String> found;
            try {
                found = List.copyOf(lister.get());
            } catch (RuntimeException e) {
                found = List.of();
            }
            List<String> list = found;
            Platform.runLater(() -> {
                ports = list;
                fillMidiOutMenu();
            });
        });
    }

    private void fillMidiOutMenu() {
        List<String> names = sound.outputChoices(ports);
        List<String> shown = midiOutMenu.getItems().stream().map(i -> (String) i.getUserData()).toList();
        String selected = midiOutMenu.getItems().stream()
            .filter(i -> ((RadioMenuItem) i).isSelected())
            .map(i -> (String) i.getUserData()).findFirst().orElse("");
        if (!midiOutMenu.getItems().isEmpty() && shown.equals(names.stream().map(String::valueOf).toList())
            && Objects.equals(selected, String.valueOf(sound.midiPort()))) {
            return; // unchanged: items are not replaced under the pointer of an open menu
        }
        ToggleGroup group = new ToggleGroup();
        List<MenuItem> items = new ArrayList<>();
        for (String port : names) {
            RadioMenuItem item = new RadioMenuItem(port == null ? "Built-in synthesizer" : port);
            item.setUserData(String.valueOf(port));
            item.setToggleGroup(group);
            item.setSelected(Objects.equals(port, sound.midiPort()));
            item.setOnAction(e -> chooseOutput(port));
            items.add(item);
        }
        midiOutMenu.getItems().setAll(items);
    }

    /** Tests: how MIDI outputs are opened and listed, and where sound choices are kept. */
    void setParts(PlayerOpener opener, Supplier<List<String>> lister, Path file) {
        playerOpener = opener;
        portLister = lister;
        soundFile = file;
    }

    /** The sound choices in use. */
    SoundSettings settings() {
        return sound;
    }
}
