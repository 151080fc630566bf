package org.backbeat.ui;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import org.backbeat.groove.Groove;
import org.backbeat.groove.Swing;
import org.backbeat.studio.GridLayout;
import org.backbeat.studio.Lanes;

/**
 * The piano-roll drum grid: 9 labelled lanes x 64 steps, each hit drawn with its velocity (height
 * and brightness) and its micro-timing (shifted off the grid line), with a playhead.
 *
 * <p>Gestures when {@link #editableProperty() editable}: click toggles a hit; drag up/down sets its
 * velocity; Alt-drag left/right shifts its timing. A gesture updates {@link #grooveProperty()}
 * live and fires one {@link GrooveEditEvent} when the mouse is released, carrying the groove from
 * before the gesture so that one gesture is one undo step.
 *
 * <p>As in ControlsFX, the control is its properties only: {@link DrumGridSkin} draws it (its
 * colours are CSS properties under the {@code drum-grid} style class, {@code styles/studio.css})
 * and {@link DrumGridBehavior} turns the mouse into the gestures above. Has a no-argument
 * constructor and plain JavaFX properties, so it can be placed from Scene Builder's library. In
 * {@link #compactProperty() compact} mode (thumbnails) it draws no labels and takes no gestures.
 */
public class DrumGrid extends Control {

    private final ObjectProperty<Groove> groove = new SimpleObjectProperty<>(this, "groove",
        Groove.empty(Groove.DEFAULT_QPM));
    private final IntegerProperty playhead = new SimpleIntegerProperty(this, "playhead", -1);
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", true);
    private final BooleanProperty compact = new SimpleBooleanProperty(this, "compact", false);
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    private final ObjectProperty<EventHandler<GrooveEditEvent>> onGrooveEdited =
        new SimpleObjectProperty<>(this, "onGrooveEdited");
    private final ObjectProperty<Lanes> lanes = new SimpleObjectProperty<>(this, "lanes", Lanes.none());
    private final DoubleProperty swing = new SimpleDoubleProperty(this, "swing", 0);
    private final IntegerProperty selectedBar = new SimpleIntegerProperty(this, "selectedBar", -1);
    private final ObjectProperty<Consumer<GridLayout.LaneToggle>> onLaneToggled =
        new SimpleObjectProperty<>(this, "onLaneToggled");

    public DrumGrid() {
        getStyleClass().add("drum-grid");
        // A region before it was a control: Tab still skips it (a click focuses it, see the behaviour).
        setFocusTraversable(false);
        onGrooveEdited.addListener((o, a, b) -> {
            if (a != null) {
                removeEventHandler(GrooveEditEvent.EDITED, a);
            }
            if (b != null) {
                addEventHandler(GrooveEditEvent.EDITED, b);
            }
        });
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new DrumGridSkin(this);
    }

    // ------------------------------------------------------------------ properties

    /** The groove shown; a gesture on the grid sets it as the mouse moves. */
    public ObjectProperty<Groove> grooveProperty() {
        return groove;
    }

    public Groove getGroove() {
        return groove.get();
    }

    public void setGroove(Groove g) {
        groove.set(g);
    }

    /** Step being played (0..63), or -1 for none. */
    public IntegerProperty playheadProperty() {
        return playhead;
    }

    public int getPlayhead() {
        return playhead.get();
    }

    public void setPlayhead(int step) {
        playhead.set(step);
    }

    /** Whether clicks and drags edit the hits (the lane boxes and the ruler answer either way). */
    public BooleanProperty editableProperty() {
        return editable;
    }

    public boolean isEditable() {
        return editable.get();
    }

    public void setEditable(boolean e) {
        editable.set(e);
    }

    /** A thumbnail: no labels, no ruler, bar lines only, no gestures. */
    public BooleanProperty compactProperty() {
        return compact;
    }

    public boolean isCompact() {
        return compact.get();
    }

    public void setCompact(boolean c) {
        compact.set(c);
    }

    /** The lanes' lock, mute and solo state, drawn as L, M and S boxes beside each lane's name. */
    public ObjectProperty<Lanes> lanesProperty() {
        return lanes;
    }

    public Lanes getLanes() {
        return lanes.get();
    }

    public void setLanes(Lanes l) {
        lanes.set(l);
    }

    /** Swing (see {@link Swing}): the off-beat 16ths are drawn where they sound. */
    public DoubleProperty swingProperty() {
        return swing;
    }

    public double getSwing() {
        return swing.get();
    }

    public void setSwing(double s) {
        swing.set(s);
    }

    /** The bar (0-3) chosen by a click on its ruler number, or -1; a second click clears it. */
    public IntegerProperty selectedBarProperty() {
        return selectedBar;
    }

    public int getSelectedBar() {
        return selectedBar.get();
    }

    public void setSelectedBar(int bar) {
        selectedBar.set(bar);
    }

    /** Called with the lane box (lock, mute or solo) a click hit; the owner decides what changes. */
    public ObjectProperty<Consumer<GridLayout.LaneToggle>> onLaneToggledProperty() {
        return onLaneToggled;
    }

    public Consumer<GridLayout.LaneToggle> getOnLaneToggled() {
        return onLaneToggled.get();
    }

    public void setOnLaneToggled(Consumer<GridLayout.LaneToggle> h) {
        onLaneToggled.set(h);
    }

    /** Called with each finished edit gesture (see {@link GrooveEditEvent}). */
    public ObjectProperty<EventHandler<GrooveEditEvent>> onGrooveEditedProperty() {
        return onGrooveEdited;
    }

    public EventHandler<GrooveEditEvent> getOnGrooveEdited() {
        return onGrooveEdited.get();
    }

    public void setOnGrooveEdited(EventHandler<GrooveEditEvent> h) {
        onGrooveEdited.set(h);
    }

    /**
     * What a drag is setting, drawn beside the hit while the mouse is down ("velocity 102" or
     * "timing +0.25 step"); empty otherwise.
     */
    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    public String getReadout() {
        return readout.get();
    }

    /** Set by the behaviour while a drag is under way. */
    void setReadout(String text) {
        readout.set(text);
    }

    /** The layout the grid draws with at its current size (also used by tests to aim clicks). */
    public GridLayout gridLayout() {
        return GridLayout.of(getWidth() - snappedLeftInset() - snappedRightInset(),
            getHeight() - snappedTopInset() - snappedBottomInset(), isCompact());
    }
}
