package org.backbeat.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

/**
 * Draws a {@link BlendPad}: each corner's colour fading towards the centre (a map of what the puck
 * will hear), the centre lines, the corner names in their corners' colours, and the puck. Installs
 * {@link BlendPadBehavior}.
 *
 * <p>Its colours are CSS properties of the {@code blend-pad} style class ({@code styles/studio.css}):
 * {@code -bb-background}, the corners' {@code -bb-top-left}, {@code -bb-top-right},
 * {@code -bb-bottom-left} and {@code -bb-bottom-right} (plain colours: they are mixed),
 * {@code -bb-centre-line}, {@code -bb-puck} and {@code -bb-puck-outline}.
 */
public class BlendPadSkin extends CanvasSkin<BlendPad> {

    /** Opacity of the corner map over the background: a hint, not a picture. */
    private static final double MAP_OPACITY = 0.22;
    /** Cells per side of the corner map. */
    private static final int MAP_CELLS = 24;

    private static final CssMetaData<BlendPad, Paint> BACKGROUND = paint("-bb-background", s -> s.background);
    /** The corners' colours, in {@link BlendPad#getCornerNames()}'s order. */
    private static final List<String> CORNERS = List.of("-bb-top-left", "-bb-top-right", "-bb-bottom-left",
        "-bb-bottom-right");
    private static final List<CssMetaData<BlendPad, Paint>> CORNER_COLORS = IntStream.range(0, CORNERS.size())
        .mapToObj(c -> paint(CORNERS.get(c), s -> s.cornerColors.get(c))).toList();
    private static final CssMetaData<BlendPad, Paint> CENTRE_LINE = paint("-bb-centre-line", s -> s.centreLine);
    private static final CssMetaData<BlendPad, Paint> PUCK = paint("-bb-puck", s -> s.puck);
    private static final CssMetaData<BlendPad, Paint> PUCK_OUTLINE = paint("-bb-puck-outline", s -> s.puckOutline);

    private static final List<CssMetaData<? extends Styleable, ?>> CSS;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(SkinBase.getClassCssMetaData());
        Collections.addAll(all, BACKGROUND, CENTRE_LINE, PUCK, PUCK_OUTLINE);
        all.addAll(CORNER_COLORS);
        CSS = Collections.unmodifiableList(all);
    }

    private static CssMetaData<BlendPad, Paint> paint(String property,
                                                      Function<BlendPadSkin, StyleableObjectProperty<Paint>> field) {
        return CanvasSkin.paint(property, BlendPadSkin.class, field);
    }

    private final StyleableObjectProperty<Paint> background = styled(BACKGROUND);
    private final List<StyleableObjectProperty<Paint>> cornerColors = CORNER_COLORS.stream().map(this::styled).toList();
    private final StyleableObjectProperty<Paint> centreLine = styled(CENTRE_LINE);
    private final StyleableObjectProperty<Paint> puck = styled(PUCK);
    private final StyleableObjectProperty<Paint> puckOutline = styled(PUCK_OUTLINE);

    private final BlendPadBehavior behavior;

    public BlendPadSkin(BlendPad pad) {
        this(pad, new BlendPadBehavior(pad));
    }

    private BlendPadSkin(BlendPad pad, BlendPadBehavior behavior) {
        super(pad, CSS, behavior::dispose);
        this.behavior = behavior;
        registerChangeListener(pad.puckXProperty(), o -> draw());
        registerChangeListener(pad.puckYProperty(), o -> draw());
        registerListChangeListener(pad.getCornerNames(), c -> draw());
    }

    /** The CSS properties of this skin (the colours) and of {@link SkinBase}. */
    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS;
    }


    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 260;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 180;
    }

    @Override
    protected void draw() {
        BlendPad pad = getSkinnable();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (pad == null || w <= 0 || h <= 0) {
            return;
        }
        g.setFill(background.get());
        g.fillRect(0, 0, w, h);
        Color[] corners = new Color[4];
        for (int c = 0; c < 4; c++) {
            corners[c] = color(cornerColors.get(c).get());
        }
        // Each corner's colour fades towards the centre: a map of what the puck will hear.
        for (int i = 0; i < MAP_CELLS; i++) {
            for (int j = 0; j < MAP_CELLS; j++) {
                double u = (i + 0.5) / MAP_CELLS;
                double v = (j + 0.5) / MAP_CELLS;
                double[] wts = {(1 - u) * (1 - v), u * (1 - v), (1 - u) * v, u * v};
                double r = 0;
                double gr = 0;
                double b = 0;
                for (int c = 0; c < 4; c++) {
                    r += wts[c] * corners[c].getRed();
                    gr += wts[c] * corners[c].getGreen();
                    b += wts[c] * corners[c].getBlue();
                }
                g.setFill(Color.color(r, gr, b, MAP_OPACITY));
                g.fillRect(i * w / MAP_CELLS, j * h / MAP_CELLS, w / MAP_CELLS + 1, h / MAP_CELLS + 1);
            }
        }
        g.setStroke(centreLine.get());
        g.strokeLine(w / 2, 0, w / 2, h);
        g.strokeLine(0, h / 2, w, h / 2);
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        double[][] at = {{6, 10}, {w - 6, 10}, {6, h - 10}, {w - 6, h - 10}};
        List<String> names = pad.getCornerNames();
        for (int c = 0; c < 4; c++) {
            g.setTextAlign(c % 2 == 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
            g.setFill(cornerColors.get(c).get());
            String name = c < names.size() ? names.get(c) : "";
            g.fillText(name.length() > 22 ? name.substring(0, 21) + "…" : name, at[c][0], at[c][1]);
        }
        double px = pad.getPuckX() * w;
        double py = pad.getPuckY() * h;
        g.setFill(puck.get());
        g.fillOval(px - 8, py - 8, 16, 16);
        g.setStroke(puckOutline.get());
        g.setLineWidth(2);
        g.strokeOval(px - 8, py - 8, 16, 16);
        g.setLineWidth(1);
    }
}
