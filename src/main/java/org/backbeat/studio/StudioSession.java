package org.backbeat.studio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.backbeat.groove.Groove;
import org.backbeat.groove.Swing;

/**
 * The studio's session without JavaFX: the current groove, undo, the history strip, slots A and B,
 * the blend pad's corners, the latent sliders' base groove, the gesture in progress and the tempo.
 * The controller turns clicks and drags into calls here and redraws what {@link Change} says
 * changed; model work stays with {@link StudioEngine}. Confined to one thread (the JavaFX thread in
 * the app): not thread-safe.
 *
 * <p>Commit rules: a change of the current groove is one undo step; a gesture (a drag of the A↔B
 * slider, the pad or a latent slider) shows every intermediate groove and commits one step when it
 * ends. A commit makes the new groove the latent sliders' base, so steering always starts from the
 * groove on the grid; the sliders' own end keeps their base, so they can be moved again.
 */
public final class StudioSession {

    /** What a call changed, so that a view redraws only that. */
    public enum Change {
        /** The current groove (grid, title). */
        CURRENT,
        /** The history strip's entries. */
        HISTORY,
        /** Slot A or B. */
        SLOTS,
        /** The blend pad's corners. */
        CORNERS,
        /** Whether undo/redo are possible. */
        UNDO,
        /** The latent sliders' base groove changed: the sliders go back to 0. */
        STEER_BASE,
        /** The tempo. */
        TEMPO,
        /** The lanes' lock, mute and solo toggles. */
        LANES,
        /** The variations strip or which variation is auditioned. */
        VARIATIONS,
        /** Swing or "export as heard": how the groove plays and exports. */
        SOUND
    }



    /** Most sections of one file that go into the history (the first goes onto the grid). */
    public static final int MAX_SECTIONS_PER_FILE = 4;

    private static final int UNDO_LIMIT = 200;
    private static final int HISTORY_SIZE = 24;

    private final UndoHistory<StudioGroove> undo = new UndoHistory<>(UNDO_LIMIT);
    private final GrooveHistory history = new GrooveHistory(HISTORY_SIZE);
    private final StudioGroove[] slots = new StudioGroove[2];
    private final StudioGroove[] corners = new StudioGroove[4];
    private final List<Consumer<Set<Change>>> listeners = new ArrayList<>();
    private StudioGroove current = new StudioGroove(Groove.empty(Groove.DEFAULT_QPM), "empty", null);
    private StudioGroove steerBase = current;
    /** The state before a drag of a slider or the pad began; committed to undo when it ends. */
    private StudioGroove gestureStart;
    private double bpm = Groove.DEFAULT_QPM;
    /** The current groove has changed since it was last exported (or restored unchanged). */
    private boolean unsaved;
    private Lanes lanes = Lanes.none();
    private List<StudioGroove> variations = List.of();
    /** The variation being auditioned (played without being current), or -1. */
    private int auditioned = -1;
    private boolean exportAsHeard;
    private double swing;
    /** The seed of the next model request (Generate, Vary, Re-roll, a tool): each one draws afresh. */
    private long seed = System.nanoTime();

    /** Calls {@code listener} after every change with what changed. */
    public void addListener(Consumer<Set<Change>> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    private void fire(Set<Change> what) {
        if (what.isEmpty()) {
            return;
        }
        for (Consumer<Set<Change>> l : List.copyOf(listeners)) {
            l.accept(Collections.unmodifiableSet(what));
        }
    }

    // ------------------------------------------------------------------ reading

    public StudioGroove current() {
        return current;
    }

    /** The groove the latent sliders move away from (the last committed one). */
    public StudioGroove steerBase() {
        return steerBase;
    }

    /** Slot 0 (A) or 1 (B); null when empty. */
    public StudioGroove slot(int i) {
        return slots[i];
    }

    public boolean slotsFilled() {
        return slots[0] != null && slots[1] != null;
    }

    /** The pad's corners (top-left, top-right, bottom-left, bottom-right); nulls until filled. */
    public List<StudioGroove> corners() {
        return Collections.unmodifiableList(Arrays.asList(corners.clone()));
    }

    public boolean cornersFilled() {
        return corners[0] != null;
    }

    /** Newest first. */
    public List<StudioGroove> history() {
        return history.entries();
    }

    public boolean canUndo() {
        return undo.canUndo();
    }

    public boolean canRedo() {
        return undo.canRedo();
    }

    /** The tempo the transport plays and exports at. */
    public double bpm() {
        return bpm;
    }

    /** Whether the groove on the grid has changed since it was last exported. */
    public boolean unsaved() {
        return unsaved;
    }

    /** The groove title: where it came from, its hits and the tempo it plays at now. */
    public String title() {
        return current.label() + " · " + current.groove().hitCount() + " hits · " + Math.round(bpm) + " BPM";
    }

    /**
     * The groove as it exports: the grid's groove at the transport's tempo, every lane unless
     * "export as heard" is on (then muted lanes are left out, as the player leaves them out).
     * Swing is applied when the file is written ({@link #swing()}).
     */
    public Groove exportGroove() {
        return forExport(current.groove().withQpm(bpm));
    }

    /** {@code g} as an export writes it: every lane, or only the heard ones with "export as heard". */
    public Groove forExport(Groove g) {
        return exportAsHeard ? lanes.heard(g) : g;
    }

    /** The file names of an A-to-B path exported as {@code steps} clips. */
    public static String clipName(int i, int steps) {
        return String.format("backbeat-a-to-b-%02d-of-%02d.mid", i + 1, steps);
    }

    /** What the player plays: the auditioned variation, else the grid's groove, without muted lanes. */
    public Groove playGroove() {
        return lanes.heard((auditioned >= 0 ? variations.get(auditioned) : current).groove().withQpm(bpm));
    }

    public Lanes lanes() {
        return lanes;
    }

    /** Flips one lane's lock, mute or solo. */
    public void toggleLane(Lanes.Toggle toggle, int lane) {
        lanes = lanes.flipped(toggle, lane);
        fire(EnumSet.of(Change.LANES));
    }

    /** The lock that Generate and Vary use: the locked lanes of the grid's groove, or null. */
    public org.backbeat.model.Lock lock() {
        return lanes.lock(current.groove());
    }

    /** The variations of the last Generate or Vary of more than one (first = the one made current). */
    public List<StudioGroove> variations() {
        return variations;
    }

    /** The variation being auditioned, or -1 when the player plays the grid's groove. */
    public int auditioned() {
        return auditioned;
    }

    /**
     * The grooves of one Generate or Vary: all go into the history, the strip shows them, and the
     * first becomes current (one undo step back to {@code before}).
     */
    public void showVariations(StudioGroove before, List<StudioGroove> made) {
        if (made.isEmpty()) {
            throw new IllegalArgumentException("no variations");
        }
        variations = made.size() > 1 ? List.copyOf(made) : List.of();
        auditioned = -1;
        boolean added = false;
        for (int i = made.size() - 1; i >= 1; i--) {
            added |= history.add(made.get(i));
        }
        commit(before, made.get(0), true);
        EnumSet<Change> what = EnumSet.of(Change.VARIATIONS);
        if (added) {
            what.add(Change.HISTORY);
        }
        fire(what);
    }

    /** Plays variation {@code i} without making it current (-1: back to the grid's groove). */
    public void audition(int i) {
        if (i < -1 || i >= variations.size()) {
            throw new IndexOutOfBoundsException(i);
        }
        if (i != auditioned) {
            auditioned = i;
            fire(EnumSet.of(Change.VARIATIONS));
        }
    }

    /** Makes variation {@code i} current (one undo step); the audition ends. */
    public void takeVariation(int i) {
        StudioGroove g = variations.get(i);
        auditioned = -1;
        if (!g.groove().equals(current.groove())) {
            commit(current, g, false);
        }
        fire(EnumSet.of(Change.VARIATIONS));
    }

    public boolean exportAsHeard() {
        return exportAsHeard;
    }

    public void setExportAsHeard(boolean on) {
        if (on != exportAsHeard) {
            exportAsHeard = on;
            fire(EnumSet.of(Change.SOUND));
        }
    }

    /** Swing in [0, {@link Swing#MAX}] applied to the off-beat 16ths on playback and export. */
    public double swing() {
        return swing;
    }

    public void setSwing(double amount) {
        double a = Swing.check(amount);
        if (a != swing) {
            swing = a;
            fire(EnumSet.of(Change.SOUND));
        }
    }

    /** The file name an export suggests. */
    public String exportName() {
        return "backbeat-" + Math.round(bpm) + "bpm.mid";
    }

    // ------------------------------------------------------------------ changes

    /** Makes {@code next} current, as one undoable step back to {@code before}. */
    public void commit(StudioGroove before, StudioGroove next, boolean addToHistory) {
        undo.push(before);
        EnumSet<Change> what = EnumSet.of(Change.CURRENT, Change.UNDO, Change.STEER_BASE);
        current = next;
        steerBase = next;
        unsaved = true;
        if (addToHistory && history.add(next)) {
            what.add(Change.HISTORY);
        }
        fire(what);
    }

    /** Makes {@code next} current, as one undoable step back to the current groove. */
    public void commit(StudioGroove next, boolean addToHistory) {
        commit(current, next, addToHistory);
    }

    /** The grid was edited by hand: one undo step, a groove with no z of its own. */
    public void edited(Groove after) {
        commit(current, current.withGroove(after, "edited"), false);
    }

    /** Clears the grid (one undo step). */
    public void clear() {
        commit(current, current.withGroove(Groove.empty(bpm), "cleared"), false);
    }

    public boolean undo() {
        return restore(undo.undo(current).orElse(null));
    }

    public boolean redo() {
        return restore(undo.redo(current).orElse(null));
    }

    private boolean restore(StudioGroove g) {
        if (g == null) {
            return false;
        }
        current = g;
        steerBase = g;
        unsaved = true;
        fire(EnumSet.of(Change.CURRENT, Change.UNDO, Change.STEER_BASE));
        return true;
    }

    public void setBpm(double qpm) {
        if (qpm != bpm) {
            bpm = qpm;
            fire(EnumSet.of(Change.CURRENT, Change.TEMPO));
        }
    }

    /** Puts {@code g} into slot 0 (A) or 1 (B). */
    public void setSlot(int i, StudioGroove g) {
        slots[i] = Objects.requireNonNull(g);
        fire(EnumSet.of(Change.SLOTS));
    }

    /**
     * Fills the pad's corners from the newest history entries (repeating them when there are
     * fewer than four). Returns false, changing nothing, with fewer than two.
     */
    public boolean fillCorners() {
        List<StudioGroove> recent = history.entries();
        if (recent.size() < 2) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            corners[i] = recent.get(i % recent.size());
        }
        fire(EnumSet.of(Change.CORNERS));
        return true;
    }

    /**
     * A file's sections: the first is returned for the grid or a slot, the next few (at most
     * {@link #MAX_SECTIONS_PER_FILE} in all, so a long file does not flood the strip) go into the
     * history, the first of them newest.
     */
    public StudioGroove addSections(String name, List<Groove> sections) {
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("no sections");
        }
        boolean added = false;
        int n = Math.min(sections.size(), MAX_SECTIONS_PER_FILE);
        for (int i = n - 1; i >= 1; i--) {
            added |= history.add(new StudioGroove(sections.get(i), name + " " + (i + 1), null));
        }
        if (added) {
            fire(EnumSet.of(Change.HISTORY));
        }
        return new StudioGroove(sections.get(0), name, null);
    }

    /** Another model is in use: the stored z and samplings mean nothing to it. */
    public void forgetCodes() {
        current = current.withoutCode();
        steerBase = steerBase.withoutCode();
        gestureStart = null;
        for (int i = 0; i < slots.length; i++) {
            slots[i] = slots[i] == null ? null : slots[i].withoutCode();
        }
        for (int i = 0; i < corners.length; i++) {
            corners[i] = corners[i] == null ? null : corners[i].withoutCode();
        }
        fire(EnumSet.of(Change.STEER_BASE));
    }

    /** The seed of the next model request; every request gets its own. */
    public long nextSeed() {
        return seed++;
    }

    /** The groove on the grid was exported: nothing is unsaved. */
    public void markExported() {
        unsaved = false;
    }

    /** Writes the groove as it exports ({@link #exportGroove()}, with the swing) to {@code file}; nothing is unsaved then. */
    public void exportTo(java.nio.file.Path file) throws java.io.IOException {
        org.backbeat.midi.MidiFiles.write(exportGroove(), swing, file);
        markExported();
    }

    // ------------------------------------------------------------------ on disk

    /** What {@link SessionFile} keeps of this session, with the model file in use (may be null). */
    public SessionFile.Snapshot snapshot(String modelFile) {
        List<StudioGroove> c = cornersFilled() ? List.of(corners) : List.of();
        return new SessionFile.Snapshot(current, history.entries(), slots[0], slots[1], c, bpm, modelFile);
    }

    /**
     * Makes a saved session this one: its grooves, slots, corners and tempo. Undo starts afresh
     * (the restored groove is where it begins). With {@code keepCodes} false (the session was made
     * with another model) the grooves' z are dropped.
     */
    public void restore(SessionFile.Snapshot s, boolean keepCodes) {
        undo.clear();
        gestureStart = null;
        history.clear();
        List<StudioGroove> h = new ArrayList<>(s.history());
        Collections.reverse(h);
        h.forEach(g -> history.add(keepCodes ? g : g.withoutCode()));
        current = keepCodes ? s.current() : s.current().withoutCode();
        steerBase = current;
        slots[0] = s.slotA() == null || keepCodes ? s.slotA() : s.slotA().withoutCode();
        slots[1] = s.slotB() == null || keepCodes ? s.slotB() : s.slotB().withoutCode();
        for (int i = 0; i < 4; i++) {
            corners[i] = s.corners().isEmpty() ? null : keepCodes ? s.corners().get(i) : s.corners().get(i).withoutCode();
        }
        bpm = s.bpm();
        unsaved = false;
        fire(EnumSet.allOf(Change.class));
    }

    // ------------------------------------------------------------------ gestures

    /** A drag of the A↔B slider, the pad or a latent slider started (or continues). */
    public void beginGesture() {
        if (gestureStart == null) {
            gestureStart = current;
        }
    }

    /** Shows a point of the A↔B slider or the pad; at the gesture's end commits it as one step. */
    public void gestureResult(StudioGroove g, boolean end) {
        if (!end) {
            show(g);
            return;
        }
        StudioGroove before = endGesture();
        if (!g.groove().equals(before.groove())) {
            commit(before, g, true);
        } else {
            show(g);
        }
    }

    /**
     * Shows a latent-slider position; at the gesture's end records one undo step but keeps the
     * sliders' base, so the sliders stay where they are and can be moved further. A gesture that
     * ends where it started (a press and release without a move) records nothing, so every undo
     * step undoes something.
     */
    public void steerResult(StudioGroove g, boolean end) {
        EnumSet<Change> what = EnumSet.of(Change.CURRENT);
        if (end) {
            StudioGroove before = endGesture();
            if (!before.groove().equals(g.groove())) {
                undo.push(before);
                what.add(Change.UNDO);
            }
        }
        current = g;
        unsaved = true;
        fire(what);
    }

    /** The "Reset sliders" button: back to the sliders' base groove (one undo step) if it moved. */
    public void resetSteer() {
        if (!steerBase.groove().equals(current.groove())) {
            commit(current, steerBase, false);
        } else {
            fire(EnumSet.of(Change.STEER_BASE));
        }
    }

    private StudioGroove endGesture() {
        StudioGroove before = gestureStart == null ? current : gestureStart;
        gestureStart = null;
        return before;
    }

    private void show(StudioGroove g) {
        current = g;
        unsaved = true;
        fire(EnumSet.of(Change.CURRENT));
    }
}
