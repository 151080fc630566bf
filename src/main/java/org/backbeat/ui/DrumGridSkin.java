package org.backbeat.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.SkinBase;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;
import org.backbeat.groove.Swing;
import org.backbeat.studio.GridLayout;
import org.backbeat.studio.Lanes;

/**
 * Draws a {@link DrumGrid} on one canvas: alternate bars shaded, step, beat and bar lines, each hit
 * as a bar whose height and opacity are its velocity, shifted by its micro-timing (and swing); in
 * the full grid also the ruler, the lane names and their L, M, S boxes, a locked lane's tint and
 * the drag's readout. The geometry is {@link GridLayout}'s; the gestures are
 * {@link DrumGridBehavior}'s, which this skin installs.
 *
 * <p>Every colour is a CSS property of the {@code drum-grid} style class ({@code styles/studio.css}):
 * {@code -bb-background}, {@code -bb-bar-shade}, {@code -bb-lane-line}, {@code -bb-step-line},
 * {@code -bb-beat-line}, {@code -bb-bar-line}, {@code -bb-label}, {@code -bb-playhead},
 * one per lane ({@code -bb-lane-kick} ... {@code -bb-lane-ride}), {@code -bb-ruler}, {@code -bb-selected-bar},
 * {@code -bb-readout-background}, {@code -bb-readout-text}, {@code -bb-locked-lane},
 * {@code -bb-toggle-off}, {@code -bb-toggle-text}, {@code -bb-toggle-text-on} and a box's colour
 * when on ({@code -bb-toggle-lock}, {@code -bb-toggle-mute}, {@code -bb-toggle-solo}).
 */
public class DrumGridSkin extends CanvasSkin<DrumGrid> {

    private static final CssMetaData<DrumGrid, Paint> BACKGROUND = paint("-bb-background", s -> s.background);
    private static final CssMetaData<DrumGrid, Paint> BAR_SHADE = paint("-bb-bar-shade", s -> s.barShade);
    private static final CssMetaData<DrumGrid, Paint> LANE_LINE = paint("-bb-lane-line", s -> s.laneLine);
    private static final CssMetaData<DrumGrid, Paint> STEP_LINE = paint("-bb-step-line", s -> s.stepLine);
    private static final CssMetaData<DrumGrid, Paint> BEAT_LINE = paint("-bb-beat-line", s -> s.beatLine);
    private static final CssMetaData<DrumGrid, Paint> BAR_LINE = paint("-bb-bar-line", s -> s.barLine);
    private static final CssMetaData<DrumGrid, Paint> LABEL = paint("-bb-label", s -> s.label);
    private static final CssMetaData<DrumGrid, Paint> PLAYHEAD = paint("-bb-playhead", s -> s.playhead);
    /** One colour per lane, kick first: {@code -bb-lane-kick}, {@code -bb-lane-closed-hat}, ... */
    private static final List<CssMetaData<DrumGrid, Paint>> LANE_COLORS = IntStream.range(0, Groove.CLASSES)
        .mapToObj(c -> paint(laneProperty(c), s -> s.laneColors.get(c))).toList();
    private static final CssMetaData<DrumGrid, Paint> RULER = paint("-bb-ruler", s -> s.ruler);
    private static final CssMetaData<DrumGrid, Paint> SELECTED_BAR = paint("-bb-selected-bar", s -> s.selectedBar);
    private static final CssMetaData<DrumGrid, Paint> READOUT_BACKGROUND =
        paint("-bb-readout-background", s -> s.readoutBackground);
    private static final CssMetaData<DrumGrid, Paint> READOUT_TEXT = paint("-bb-readout-text", s -> s.readoutText);
    private static final CssMetaData<DrumGrid, Paint> LOCKED_LANE = paint("-bb-locked-lane", s -> s.lockedLane);
    private static final CssMetaData<DrumGrid, Paint> TOGGLE_OFF = paint("-bb-toggle-off", s -> s.toggleOff);
    private static final CssMetaData<DrumGrid, Paint> TOGGLE_TEXT = paint("-bb-toggle-text", s -> s.toggleText);
    private static final CssMetaData<DrumGrid, Paint> TOGGLE_TEXT_ON = paint("-bb-toggle-text-on", s -> s.toggleTextOn);
    /** A lane box's colour when on: {@code -bb-toggle-lock}, {@code -bb-toggle-mute}, {@code -bb-toggle-solo}. */
    private static final List<CssMetaData<DrumGrid, Paint>> TOGGLE_ON_COLORS = Arrays.stream(Lanes.Toggle.values())
        .map(t -> paint("-bb-toggle-" + t.name().toLowerCase(Locale.ROOT), s -> s.toggleOnColors.get(t.ordinal())))
        .toList();

    private static final List<CssMetaData<? extends Styleable, ?>> CSS;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(SkinBase.getClassCssMetaData());
        Collections.addAll(all, BACKGROUND, BAR_SHADE, LANE_LINE, STEP_LINE, BEAT_LINE, BAR_LINE, LABEL, PLAYHEAD,
            RULER, SELECTED_BAR, READOUT_BACKGROUND, READOUT_TEXT, LOCKED_LANE, TOGGLE_OFF, TOGGLE_TEXT,
            TOGGLE_TEXT_ON);
        all.addAll(LANE_COLORS);
        all.addAll(TOGGLE_ON_COLORS);
        CSS = Collections.unmodifiableList(all);
    }

    /** The CSS property of a lane's colour: {@code -bb-lane-} and the lane's name, e.g. {@code -bb-lane-low-tom}. */
    static String laneProperty(int drumClass) {
        return "-bb-lane-" + DrumClass.of(drumClass).label().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static CssMetaData<DrumGrid, Paint> paint(String property,
                                                      Function<DrumGridSkin, StyleableObjectProperty<Paint>> field) {
        return CanvasSkin.paint(property, DrumGridSkin.class, field);
    }

    private final StyleableObjectProperty<Paint> background = styled(BACKGROUND);
    private final StyleableObjectProperty<Paint> barShade = styled(BAR_SHADE);
    private final StyleableObjectProperty<Paint> laneLine = styled(LANE_LINE);
    private final StyleableObjectProperty<Paint> stepLine = styled(STEP_LINE);
    private final StyleableObjectProperty<Paint> beatLine = styled(BEAT_LINE);
    private final StyleableObjectProperty<Paint> barLine = styled(BAR_LINE);
    private final StyleableObjectProperty<Paint> label = styled(LABEL);
    private final StyleableObjectProperty<Paint> playhead = styled(PLAYHEAD);
    private final List<StyleableObjectProperty<Paint>> laneColors = LANE_COLORS.stream().map(this::styled).toList();
    private final StyleableObjectProperty<Paint> ruler = styled(RULER);
    private final StyleableObjectProperty<Paint> selectedBar = styled(SELECTED_BAR);
    private final StyleableObjectProperty<Paint> readoutBackground = styled(READOUT_BACKGROUND);
    private final StyleableObjectProperty<Paint> readoutText = styled(READOUT_TEXT);
    private final StyleableObjectProperty<Paint> lockedLane = styled(LOCKED_LANE);
    private final StyleableObjectProperty<Paint> toggleOff = styled(TOGGLE_OFF);
    private final StyleableObjectProperty<Paint> toggleText = styled(TOGGLE_TEXT);
    private final StyleableObjectProperty<Paint> toggleTextOn = styled(TOGGLE_TEXT_ON);
    private final List<StyleableObjectProperty<Paint>> toggleOnColors =
        TOGGLE_ON_COLORS.stream().map(this::styled).toList();

    private final DrumGridBehavior behavior;

    public DrumGridSkin(DrumGrid grid) {
        this(grid, new DrumGridBehavior(grid));
    }

    private DrumGridSkin(DrumGrid grid, DrumGridBehavior behavior) {
        super(grid, CSS, behavior::dispose);
        this.behavior = behavior;
        registerChangeListener(grid.grooveProperty(), o -> draw());
        registerChangeListener(grid.playheadProperty(), o -> draw());
        registerChangeListener(grid.lanesProperty(), o -> draw());
        registerChangeListener(grid.swingProperty(), o -> draw());
        registerChangeListener(grid.selectedBarProperty(), o -> draw());
        registerChangeListener(grid.readoutProperty(), o -> draw());
        registerChangeListener(grid.compactProperty(), o -> {
            grid.requestLayout();
            draw();
        });
    }

    /** The CSS properties of this skin (the colours) and of {@link SkinBase}. */
    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS;
    }


    // ------------------------------------------------------------------ sizes

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return getSkinnable().isCompact() ? 128 : GridLayout.LABEL_WIDTH + 64 * 14;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return getSkinnable().isCompact() ? 36 : GridLayout.RULER_HEIGHT + 9 * 30;
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return getSkinnable().isCompact() ? 64 : GridLayout.LABEL_WIDTH + 64 * 6;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return getSkinnable().isCompact() ? 18 : GridLayout.RULER_HEIGHT + 9 * 18;
    }

    // ------------------------------------------------------------------ drawing

    @Override
    protected void draw() {
        DrumGrid grid = getSkinnable();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (grid == null || w <= 0 || h <= 0) {
            return;
        }
        boolean compact = grid.isCompact();
        Lanes lanes = grid.getLanes();
        GridLayout l = GridLayout.of(w, h, compact);
        double cw = l.cellWidth();
        double rh = l.rowHeight();
        g.setFill(background.get());
        g.fillRect(0, 0, w, h);
        for (int bar = 1; bar < Groove.BARS; bar += 2) {
            g.setFill(barShade.get());
            g.fillRect(l.stepX(bar * Groove.STEPS_PER_BAR), 0, Groove.STEPS_PER_BAR * cw, h);
        }
        int ph = grid.getPlayhead();
        if (ph >= 0 && ph < Groove.STEPS) {
            g.setFill(playhead.get());
            g.fillRect(l.stepX(ph), 0, cw, h);
        }
        g.setLineWidth(1);
        if (!compact) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (lanes.on(Lanes.Toggle.LOCK, c)) {
                    g.setFill(lockedLane.get());
                    g.fillRect(l.labelWidth(), l.rowY(c), w - l.labelWidth(), rh);
                }
            }
            for (int r = 1; r < Groove.CLASSES; r++) {
                g.setStroke(laneLine.get());
                double y = Math.round(r * rh) + 0.5;
                g.strokeLine(l.labelWidth(), y, w, y);
            }
        }
        for (int s = 0; s <= Groove.STEPS; s++) {
            boolean bar = s % Groove.STEPS_PER_BAR == 0;
            boolean beat = s % 4 == 0;
            if (compact && !bar) {
                continue;
            }
            g.setStroke(bar ? barLine.get() : beat ? beatLine.get() : stepLine.get());
            double x = Math.round(l.stepX(s)) + 0.5;
            g.strokeLine(x, 0, x, h);
        }
        drawHits(g, grid, l);
        if (!compact) {
            drawRuler(g, grid, l, w);
            g.setFill(background.get());
            g.fillRect(0, l.rulerHeight(), l.labelWidth(), h - l.rulerHeight());
            g.setFont(Font.font(Math.min(13, rh * 0.45)));
            g.setTextBaseline(VPos.CENTER);
            g.setTextAlign(TextAlignment.LEFT);
            for (int c = 0; c < Groove.CLASSES; c++) {
                double y = l.rowY(c) + rh / 2;
                g.setFill(laneColors.get(c).get());
                g.fillRoundRect(8, y - 4, 8, 8, 3, 3);
                g.setFill(lanes.audible(c) ? label.get() : toggleText.get());
                g.fillText(DrumClass.of(c).label(), 22, y);
                drawToggles(g, lanes, l, c);
            }
        }
    }

    /** Each hit: height and opacity from its velocity, shifted by its timing; a silent lane's faded. */
    private void drawHits(GraphicsContext g, DrumGrid grid, GridLayout l) {
        Groove gr = grid.getGroove();
        boolean compact = grid.isCompact();
        double cw = l.cellWidth();
        double rh = l.rowHeight();
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (!gr.hit(s, c)) {
                    continue;
                }
                float v = gr.velocity(s, c);
                double x = l.hitX(s, (float) (gr.offset(s, c) + Swing.delaySteps(s, grid.getSwing())));
                double barH = Math.max(2, (rh - 4) * (0.25 + 0.75 * v));
                double y = l.rowY(c) + (rh - barH) / 2;
                double audible = compact || grid.getLanes().audible(c) ? 1 : 0.3;
                double opacity = (0.35 + 0.65 * v) * audible;
                Paint lane = laneColors.get(c).get();
                if (lane instanceof Color col) {
                    g.setFill(col.deriveColor(0, 1, 1, opacity));
                } else {
                    g.setFill(lane);
                    g.setGlobalAlpha(opacity);
                }
                double inset = Math.min(2, cw * 0.12);
                double bw = Math.max(1, cw - 2 * inset);
                double arc = compact ? 0 : Math.min(6, bw);
                g.fillRoundRect(x + inset, y, bw, barH, arc, arc);
                g.setGlobalAlpha(1);
            }
        }
    }

    /** The lane's L(ock), M(ute) and S(olo) boxes, filled when on. */
    private void drawToggles(GraphicsContext g, Lanes lanes, GridLayout l, int c) {
        double size = GridLayout.TOGGLE_SIZE;
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.CENTER);
        for (Lanes.Toggle t : Lanes.Toggle.values()) {
            double x = l.toggleX(t);
            if (Double.isNaN(x)) {
                continue;
            }
            double y = l.toggleY(c);
            boolean on = lanes.on(t, c);
            g.setFill(on ? toggleOnColors.get(t.ordinal()).get() : toggleOff.get());
            g.fillRoundRect(x, y, size, size, 4, 4);
            g.setFill(on ? toggleTextOn.get() : toggleText.get());
            g.fillText(t.name().substring(0, 1), x + size / 2, y + size / 2);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font(Math.min(13, l.rowHeight() * 0.45)));
    }

    /** Bar numbers and beats above the lanes, and the drag's readout. */
    private void drawRuler(GraphicsContext g, DrumGrid grid, GridLayout l, double w) {
        g.setFill(ruler.get());
        g.fillRect(0, 0, w, l.rulerHeight());
        int chosen = grid.getSelectedBar();
        if (chosen >= 0 && chosen < Groove.BARS) {
            g.setFill(selectedBar.get());
            g.fillRect(l.stepX(chosen * Groove.STEPS_PER_BAR), 0, Groove.STEPS_PER_BAR * l.cellWidth(),
                l.rulerHeight());
        }
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        // beats are written in the beat line's colour, a step brighter so they read on the ruler
        Paint beatText = beatLine.get() instanceof Color c ? c.brighter() : beatLine.get();
        for (int s = 0; s < Groove.STEPS; s += 4) {
            boolean bar = s % Groove.STEPS_PER_BAR == 0;
            g.setFill(bar ? label.get() : beatText);
            g.fillText(GridLayout.rulerLabel(s), l.stepX(s) + 3, l.rulerHeight() / 2);
        }
        String r = grid.getReadout();
        GridLayout.Cell cell = behavior.activeCell();
        if (cell != null && !r.isEmpty()) {
            double x = Math.min(w - 130, l.stepX(cell.step()) + l.cellWidth() + 4);
            double y = Math.max(l.rulerHeight(), l.rowY(cell.drumClass()) - 20);
            g.setFill(readoutBackground.get());
            g.fillRoundRect(x, y, 126, 18, 6, 6);
            g.setFill(readoutText.get());
            g.fillText(r, x + 6, y + 9);
        }
    }
}
