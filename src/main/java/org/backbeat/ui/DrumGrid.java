package org.backbeat.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.event.EventHandler;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.backbeat.groove.DrumClass;
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
 * <p>Has a no-argument constructor and plain JavaFX properties, so it can be placed from Scene
 * Builder's library. In {@link #compactProperty() compact} mode (thumbnails) it draws no labels.
 */
public class DrumGrid extends CanvasRegion {

    static final Color BACKGROUND = Color.web("#15171c");
    private static final Color BAR_SHADE = Color.web("#1b1e25");
    private static final Color LANE_LINE = Color.web("#252933");
    private static final Color STEP_LINE = Color.web("#22252d");
    private static final Color BEAT_LINE = Color.web("#363b47");
    private static final Color BAR_LINE = Color.web("#5a6172");
    private static final Color LABEL = Color.web("#aab2c0");
    private static final Color PLAYHEAD = Color.web("#ffffff", 0.10);
    private static final Color[] CLASS_COLORS = {
        Color.web("#ff6b5b"), Color.web("#ffb347"), Color.web("#ffe066"), Color.web("#c5e86c"),
        Color.web("#5ed6a8"), Color.web("#4fc3f7"), Color.web("#7f9cff"), Color.web("#c792ea"),
        Color.web("#f78fb3"),
    };
    private static final float NEW_HIT_VELOCITY = 0.8f;
    private static final double LABEL_WIDTH = 156;
    private static final double RULER_HEIGHT = 18;
    private static final Color RULER = Color.web("#1f2229");
    private static final Color READOUT_BACK = Color.web("#000000", 0.75);
    private static final double CLICK_SLOP = 3;
    private static final Color TOGGLE_OFF = Color.web("#2c3039");
    private static final Color TOGGLE_TEXT = Color.web("#8a93a3");
    private static final Color TOGGLE_TEXT_ON = Color.web("#15171c");
    private static final Color[] TOGGLE_ON = {Color.web("#ff8a4c"), Color.web("#e05d5d"), Color.web("#ffe066")};
    private static final Color LOCKED_LANE = Color.web("#ff8a4c", 0.07);
    private static final Color SELECTED_BAR = Color.web("#ff8a4c", 0.35);

    private final ObjectProperty<Groove> groove = new SimpleObjectProperty<>(this, "groove",
        Groove.empty(Groove.DEFAULT_QPM));
    private final IntegerProperty playhead = new SimpleIntegerProperty(this, "playhead", -1);
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", true);
    private final BooleanProperty compact = new SimpleBooleanProperty(this, "compact", false);
    private final javafx.beans.property.ReadOnlyStringWrapper readout =
        new javafx.beans.property.ReadOnlyStringWrapper(this, "readout", "");
    private final ObjectProperty<EventHandler<GrooveEditEvent>> onGrooveEdited =
        new SimpleObjectProperty<>(this, "onGrooveEdited");

    private final ObjectProperty<Lanes> lanes = new SimpleObjectProperty<>(this, "lanes", Lanes.none());
    private final javafx.beans.property.DoubleProperty swing =
        new javafx.beans.property.SimpleDoubleProperty(this, "swing", 0);
    private final IntegerProperty selectedBar = new SimpleIntegerProperty(this, "selectedBar", -1);
    private final ObjectProperty<java.util.function.Consumer<GridLayout.LaneToggle>> onLaneToggled =
        new SimpleObjectProperty<>(this, "onLaneToggled");

    private Gesture gesture;

    public DrumGrid() {
        getStyleClass().add("drum-grid");
        groove.addListener((o, a, b) -> draw());
        playhead.addListener((o, a, b) -> draw());
        lanes.addListener((o, a, b) -> draw());
        swing.addListener((o, a, b) -> draw());
        selectedBar.addListener((o, a, b) -> draw());
        compact.addListener((o, a, b) -> {
            requestLayout();
            draw();
        });
        onGrooveEdited.addListener((o, a, b) -> {
            if (a != null) {
                removeEventHandler(GrooveEditEvent.EDITED, a);
            }
            if (b != null) {
                addEventHandler(GrooveEditEvent.EDITED, b);
            }
        });
        // A click on the grid takes the keyboard from a text field (the BPM field), so G and Space
        // are the studio's again.
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    }

    // ------------------------------------------------------------------ properties

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

    public BooleanProperty editableProperty() {
        return editable;
    }

    public boolean isEditable() {
        return editable.get();
    }

    public void setEditable(boolean e) {
        editable.set(e);
    }

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
    public javafx.beans.property.DoubleProperty swingProperty() {
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
    public void setOnLaneToggled(java.util.function.Consumer<GridLayout.LaneToggle> h) {
        onLaneToggled.set(h);
    }

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
    public javafx.beans.property.ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    public String getReadout() {
        return readout.get();
    }

    /** The layout the grid draws with at its current size (also used by tests to aim clicks). */
    public GridLayout gridLayout() {
        return layoutFor(getWidth() - snappedLeftInset() - snappedRightInset(),
            getHeight() - snappedTopInset() - snappedBottomInset());
    }

    private GridLayout layoutFor(double w, double h) {
        return isCompact() ? new GridLayout(w, h, 0) : new GridLayout(w, h, LABEL_WIDTH, RULER_HEIGHT);
    }

    // ------------------------------------------------------------------ layout and drawing

    @Override
    protected double computePrefWidth(double height) {
        return isCompact() ? 128 : LABEL_WIDTH + 64 * 14;
    }

    @Override
    protected double computePrefHeight(double width) {
        return isCompact() ? 36 : RULER_HEIGHT + 9 * 30;
    }

    @Override
    protected double computeMinWidth(double height) {
        return isCompact() ? 64 : LABEL_WIDTH + 64 * 6;
    }

    @Override
    protected double computeMinHeight(double width) {
        return isCompact() ? 18 : RULER_HEIGHT + 9 * 18;
    }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        GridLayout l = layoutFor(w, h);
        double cw = l.cellWidth();
        double rh = l.rowHeight();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        for (int bar = 1; bar < Groove.BARS; bar += 2) {
            g.setFill(BAR_SHADE);
            g.fillRect(l.stepX(bar * Groove.STEPS_PER_BAR), 0, Groove.STEPS_PER_BAR * cw, h);
        }
        int ph = getPlayhead();
        if (ph >= 0 && ph < Groove.STEPS) {
            g.setFill(PLAYHEAD);
            g.fillRect(l.stepX(ph), 0, cw, h);
        }
        g.setLineWidth(1);
        if (!isCompact()) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (getLanes().on(Lanes.Toggle.LOCK, c)) {
                    g.setFill(LOCKED_LANE);
                    g.fillRect(l.labelWidth(), l.rowY(c), w - l.labelWidth(), rh);
                }
            }
            for (int r = 1; r < Groove.CLASSES; r++) {
                g.setStroke(LANE_LINE);
                double y = Math.round(r * rh) + 0.5;
                g.strokeLine(l.labelWidth(), y, w, y);
            }
        }
        for (int s = 0; s <= Groove.STEPS; s++) {
            boolean bar = s % Groove.STEPS_PER_BAR == 0;
            boolean beat = s % 4 == 0;
            if (isCompact() && !bar) {
                continue;
            }
            g.setStroke(bar ? BAR_LINE : beat ? BEAT_LINE : STEP_LINE);
            double x = Math.round(l.stepX(s)) + 0.5;
            g.strokeLine(x, 0, x, h);
        }
        Groove gr = getGroove();
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (!gr.hit(s, c)) {
                    continue;
                }
                float v = gr.velocity(s, c);
                double x = l.hitX(s, (float) (gr.offset(s, c) + Swing.delaySteps(s, getSwing())));
                double barH = Math.max(2, (rh - 4) * (0.25 + 0.75 * v));
                double y = l.rowY(c) + (rh - barH) / 2;
                Color col = CLASS_COLORS[c];
                double audible = isCompact() || getLanes().audible(c) ? 1 : 0.3;
                g.setFill(col.deriveColor(0, 1, 1, (0.35 + 0.65 * v) * audible));
                double inset = Math.min(2, cw * 0.12);
                double bw = Math.max(1, cw - 2 * inset);
                double arc = isCompact() ? 0 : Math.min(6, bw);
                g.fillRoundRect(x + inset, y, bw, barH, arc, arc);
            }
        }
        if (!isCompact()) {
            drawRuler(g, l, w);
            g.setFill(BACKGROUND);
            g.fillRect(0, l.rulerHeight(), l.labelWidth(), h - l.rulerHeight());
            g.setFont(Font.font(Math.min(13, rh * 0.45)));
            g.setTextBaseline(VPos.CENTER);
            g.setTextAlign(TextAlignment.LEFT);
            for (int c = 0; c < Groove.CLASSES; c++) {
                double y = l.rowY(c) + rh / 2;
                g.setFill(CLASS_COLORS[c]);
                g.fillRoundRect(8, y - 4, 8, 8, 3, 3);
                g.setFill(getLanes().audible(c) ? LABEL : TOGGLE_TEXT);
                g.fillText(DrumClass.of(c).label(), 22, y);
                drawToggles(g, l, c);
            }
        }
    }

    /** The lane's L(ock), M(ute) and S(olo) boxes, filled when on. */
    private void drawToggles(GraphicsContext g, GridLayout l, int c) {
        double size = GridLayout.TOGGLE_SIZE;
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.CENTER);
        for (Lanes.Toggle t : Lanes.Toggle.values()) {
            double x = l.toggleX(t);
            if (Double.isNaN(x)) {
                continue;
            }
            double y = l.toggleY(c);
            boolean on = getLanes().on(t, c);
            g.setFill(on ? TOGGLE_ON[t.ordinal()] : TOGGLE_OFF);
            g.fillRoundRect(x, y, size, size, 4, 4);
            g.setFill(on ? TOGGLE_TEXT_ON : TOGGLE_TEXT);
            g.fillText(t.name().substring(0, 1), x + size / 2, y + size / 2);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font(Math.min(13, l.rowHeight() * 0.45)));
    }

    /** Bar numbers and beats above the lanes, and the drag's readout. */
    private void drawRuler(GraphicsContext g, GridLayout l, double w) {
        g.setFill(RULER);
        g.fillRect(0, 0, w, l.rulerHeight());
        int chosen = getSelectedBar();
        if (chosen >= 0 && chosen < Groove.BARS) {
            g.setFill(SELECTED_BAR);
            g.fillRect(l.stepX(chosen * Groove.STEPS_PER_BAR), 0, Groove.STEPS_PER_BAR * l.cellWidth(), l.rulerHeight());
        }
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        for (int s = 0; s < Groove.STEPS; s += 4) {
            boolean bar = s % Groove.STEPS_PER_BAR == 0;
            g.setFill(bar ? LABEL : BEAT_LINE.brighter());
            g.fillText(GridLayout.rulerLabel(s), l.stepX(s) + 3, l.rulerHeight() / 2);
        }
        String r = getReadout();
        if (gesture != null && !r.isEmpty()) {
            double x = Math.min(w - 130, l.stepX(gesture.cell().step()) + l.cellWidth() + 4);
            double y = Math.max(l.rulerHeight(), l.rowY(gesture.cell().drumClass()) - 20);
            g.setFill(READOUT_BACK);
            g.fillRoundRect(x, y, 126, 18, 6, 6);
            g.setFill(Color.WHITE);
            g.fillText(r, x + 6, y + 9);
        }
    }

    // ------------------------------------------------------------------ gestures

    private record Gesture(Groove before, GridLayout.Cell cell, double x, double y, boolean hadHit,
                           float velocity, float offset, boolean moved) {
        Gesture movedTo() {
            return new Gesture(before, cell, x, y, hadHit, velocity, offset, true);
        }
    }

    private void pressed(MouseEvent e) {
        if (!e.isPrimaryButtonDown() || isCompact()) {
            return;
        }
        GridLayout l = gridLayout();
        GridLayout.LaneToggle toggle = l.toggleAt(e.getX(), e.getY());
        if (toggle != null) {
            if (onLaneToggled.get() != null) {
                onLaneToggled.get().accept(toggle);
            }
            e.consume();
            return;
        }
        int bar = l.barAt(e.getX(), e.getY());
        if (bar >= 0) {
            setSelectedBar(bar == getSelectedBar() ? -1 : bar);
            e.consume();
            return;
        }
        if (!isEditable()) {
            return;
        }
        GridLayout.Cell cell = l.cellAt(e.getX(), e.getY());
        if (cell == null) {
            return;
        }
        Groove g = getGroove();
        boolean had = g.hit(cell.step(), cell.drumClass());
        float v = had ? g.velocity(cell.step(), cell.drumClass()) : NEW_HIT_VELOCITY;
        float o = had ? g.offset(cell.step(), cell.drumClass()) : 0f;
        gesture = new Gesture(g, cell, e.getX(), e.getY(), had, v, o, false);
        if (!had) {
            setGroove(g.withCell(cell.step(), cell.drumClass(), true, v, o));
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (gesture == null) {
            return;
        }
        double dx = e.getX() - gesture.x();
        double dy = e.getY() - gesture.y();
        if (!gesture.moved() && Math.hypot(dx, dy) < CLICK_SLOP) {
            return;
        }
        gesture = gesture.movedTo();
        GridLayout.Cell c = gesture.cell();
        float v = gesture.velocity();
        float o = gesture.offset();
        if (e.isAltDown()) {
            o = gridLayout().dragOffset(o, dx);
            readout.set(String.format("timing %+.2f step", o));
        } else {
            v = GridLayout.dragVelocity(v, dy);
            readout.set("velocity " + Math.max(1, Math.round(v * 127)));
        }
        setGroove(getGroove().withCell(c.step(), c.drumClass(), true, v, o));
        e.consume();
    }

    private void released(MouseEvent e) {
        if (gesture == null) {
            return;
        }
        Gesture done = gesture;
        gesture = null;
        readout.set("");
        draw(); // without the readout
        if (done.hadHit() && !done.moved()) {
            GridLayout.Cell c = done.cell();
            setGroove(getGroove().withCell(c.step(), c.drumClass(), false, 0, 0));
        }
        if (!getGroove().equals(done.before())) {
            fireEvent(new GrooveEditEvent(done.before(), getGroove()));
        }
        e.consume();
    }
}
