package org.backbeat.ui;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Transmitter;
import org.backbeat.groove.Groove;
import org.backbeat.play.GroovePlayer;
import org.backbeat.play.MidiTapInput;
import org.backbeat.studio.StudioGroove;
import org.backbeat.studio.TapRecorder;
import org.backbeat.studio.TapSession;

/**
 * The studio's Tap controls bound to a {@link TapSession} (which decides the count-in, the taps
 * and their end): the Tap button, the metronome item, the MIDI tap input and its menu, and a frame
 * timer while Tap is on. What the taps show goes to the grid, the status line and the transport.
 */
final class TapControls {

    /** Velocity of a key tap (a key has none; MIDI taps bring their own). */
    static final int KEY_VELOCITY = 100;

    private final ToggleButton tapButton;
    private final CheckMenuItem metronomeItem;
    private final Menu tapInputMenu;
    private final DrumGrid grid;
    private final Label title;
    private final Supplier<String> currentTitle;
    private final Label status;
    private final ToggleButton playButton;
    private final Spinner<Double> bpmSpinner;
    private final Supplier<Groove> current;
    private final Runnable stopPlayback;
    private final Consumer<StudioGroove> drumify;
    private final BiConsumer<String, Throwable> showError;
    private final TapSession taps;
    /** While Tap is on: each frame, the count or bar and beat in the status line, and the end of the four bars. */
    private AnimationTimer timer;
    /** The MIDI input whose notes are taps while Tap is on, or null. */
    private MidiTapInput input;
    private boolean keyDown;

    /**
     * @param player       the player in use (followed when another MIDI output is chosen)
     * @param title        the label above the grid: the taps while they are shown
     * @param currentTitle its words for the current groove (shown again when the taps go)
     * @param current      the groove on the grid when no taps are shown
     * @param stopPlayback stops the loop as the transport's Stop does
     * @param drumify      drumifies the finished taps
     */
    TapControls(ToggleButton tapButton, CheckMenuItem metronomeItem, Menu tapInputMenu, DrumGrid grid, Label title,
        Supplier<String> currentTitle, Label status, ToggleButton playButton, Spinner<Double> bpmSpinner, Supplier<GroovePlayer> player, Supplier<Groove> current,
        Runnable stopPlayback, Consumer<StudioGroove> drumify, BiConsumer<String, Throwable> showError) {
        this.tapButton = tapButton;
        this.metronomeItem = metronomeItem;
        this.tapInputMenu = tapInputMenu;
        this.grid = grid;
        this.title = title;
        this.currentTitle = currentTitle;
        this.status = status;
        this.playButton = playButton;
        this.bpmSpinner = bpmSpinner;
        this.current = current;
        this.stopPlayback = stopPlayback;
        this.drumify = drumify;
        this.showError = showError;
        this.taps = new TapSession(new Transport(player), new View());
    }

    /** The words above the grid while it shows taps, in the form of a groove's title. */
    static String tapsTitle(Groove taps) {
        int n = taps.hitCount();
        return "taps · " + n + (n == 1 ? " tap · " : " taps · ") + Math.round(taps.qpm()) + " BPM";
    }

    /** The Tap button: on starts a fresh 4 bars of taps at the transport's tempo, off drops them. */
    void toggled() {
        if (tapButton.isSelected()) {
            stopTimer();
            taps.start(bpmSpinner.getValue(), metronomeItem.isSelected());
            timer = new AnimationTimer() {
                @Override
                public void handle(long frame) {
                    if (!taps.tick()) {
                        stopTimer();
                    }
                }
            };
            timer.start();
        } else {
            taps.end();
        }
    }

    /** Another MIDI output took over (see {@link TapSession#outputChanged}); false: not tapping after a count-in. */
    boolean outputChanged() {
        return taps.outputChanged();
    }

    /** Count-in and metronome on or off; while tapping, the clicks stop (or start) at once. */
    void metronomeToggled() {
        taps.metronomeChanged(metronomeItem.isSelected());
    }

    boolean active() {
        return taps.active();
    }

    /** Drumify while tapping: the taps so far are the rhythm. */
    void finish() {
        taps.finish();
    }

    /** The T key pressed: one tap per press (a held key repeats its press). */
    void keyPressed() {
        if (!keyDown) {
            keyDown = true;
            tap(taps.now(), KEY_VELOCITY);
        }
    }

    void keyReleased() {
        keyDown = false;
    }

    /** One tap at {@code nanos} on the taps' clock, drawn on the grid as it lands. */
    void tap(long nanos, int velocity) {
        taps.tap(nanos, velocity);
    }

    void setClock(LongSupplier c) {
        taps.setClock(c);
    }

    TapRecorder recorder() {
        return taps.recorder();
    }

    /** Taps from {@code transmitter}'s note-ons, stamped on the taps' clock; replaces the input used before. */
    void useInput(Transmitter transmitter) {
        useInput(MidiTapInput.listen(transmitter, this::midiTap));
    }

    private void useInput(MidiTapInput next) {
        if (input != null) {
            input.close();
        }
        input = next;
    }

    private void midiTap(int velocity) {
        long now = taps.now(); // stamped as it arrives, not when the FX thread gets to it
        Platform.runLater(() -> tap(now, velocity));
    }

    /** The menu of MIDI inputs, listed afresh each time it opens. */
    void fillInputMenu() {
        tapInputMenu.getItems().clear();
        MenuItem none = new MenuItem("None (the T key only)");
        none.setOnAction(e -> useInput((MidiTapInput) null));
        tapInputMenu.getItems().add(none);
        for (MidiTapInput.Port p : MidiTapInput.ports()) {
            MenuItem item = new MenuItem(p.name());
            item.setOnAction(e -> {
                try {
                    useInput(MidiTapInput.open(p, this::midiTap));
                    status.setText("Taps from " + p.name() + " while Tap is on");
                } catch (MidiUnavailableException ex) {
                    showError.accept("Could not open " + p.name(), ex);
                }
            });
            tapInputMenu.getItems().add(item);
        }
    }

    private void stopTimer() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }

    void close() {
        stopTimer();
        if (input != null) {
            input.close();
        }
    }

    /** The player in use, as Tap sees it. */
    private record Transport(Supplier<GroovePlayer> player) implements TapSession.Transport {
        @Override
        public boolean isPlaying() {
            return player.get().isPlaying();
        }

        @Override
        public void setTempo(double qpm) {
            player.get().setTempo(qpm);
        }

        @Override
        public void setMetronome(boolean on) {
            player.get().setMetronome(on);
        }

        @Override
        public long playAfterCountIn(Groove groove, int beats) {
            return player.get().playAfterCountIn(groove, beats);
        }
    }

    /** What Tap shows: the grid, the status line, the transport and the Tap button. */
    private final class View implements TapSession.View {
        @Override
        public void showTaps(Groove g) {
            grid.setGroove(g);
            title.setText(tapsTitle(g));
        }

        @Override
        public void showCurrent() {
            grid.setGroove(current.get());
            title.setText(currentTitle.get());
        }

        @Override
        public void showStatus(String text) {
            status.setText(text);
        }

        @Override
        public void countInStarted() {
            grid.setPlayhead(-1);
            playButton.setSelected(true);
            playButton.setText("■ Stop");
            bpmSpinner.setDisable(true); // the clicks and the taps' grid keep one tempo
        }

        @Override
        public void countInEnded() {
            bpmSpinner.setDisable(false);
        }

        @Override
        public void tappingStopped() {
            stopTimer();
            tapButton.setSelected(false);
        }

        @Override
        public void stopPlayback() {
            stopPlayback.run();
        }

        @Override
        public void drumify(StudioGroove g) {
            drumify.accept(g);
        }
    }
}
