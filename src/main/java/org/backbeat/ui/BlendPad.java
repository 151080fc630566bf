package org.backbeat.ui;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A square pad with a puck, in the spirit of Beat Blender: the four corners hold grooves and the
 * puck's position (x to the right, y downwards, both 0..1) says how much of each to blend.
 * Dragging anywhere moves the puck there. Corner names are shown in the corners.
 */
public class BlendPad extends CanvasRegion {

    private static final Color[] CORNER_COLORS = {
        Color.web("#ff6b5b"), Color.web("#4fc3f7"), Color.web("#c5e86c"), Color.web("#c792ea"),
    };

    private final DoubleProperty puckX = new SimpleDoubleProperty(this, "puckX", 0.5);
    private final DoubleProperty puckY = new SimpleDoubleProperty(this, "puckY", 0.5);
    private final ObservableList<String> cornerNames =
        FXCollections.observableArrayList("1", "2", "3", "4");

    public BlendPad() {
        getStyleClass().add("blend-pad");
        puckX.addListener((o, a, b) -> draw());
        puckY.addListener((o, a, b) -> draw());
        cornerNames.addListener((javafx.collections.ListChangeListener<String>) c -> draw());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::moveTo);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::moveTo);
    }

    public DoubleProperty puckXProperty() {
        return puckX;
    }

    public double getPuckX() {
        return puckX.get();
    }

    public void setPuckX(double x) {
        puckX.set(clamp(x));
    }

    public DoubleProperty puckYProperty() {
        return puckY;
    }

    public double getPuckY() {
        return puckY.get();
    }

    public void setPuckY(double y) {
        puckY.set(clamp(y));
    }

    /** Names of the corners: top-left, top-right, bottom-left, bottom-right. */
    public ObservableList<String> getCornerNames() {
        return cornerNames;
    }

    private void moveTo(MouseEvent e) {
        if (isDisabled() || canvas.getWidth() <= 0) {
            return;
        }
        setPuckX(e.getX() / canvas.getWidth());
        setPuckY(e.getY() / canvas.getHeight());
        e.consume();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    @Override
    protected double computePrefWidth(double height) {
        return 260;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 180;
    }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        g.setFill(DrumGrid.BACKGROUND);
        g.fillRect(0, 0, w, h);
        // Each corner's colour fades towards the centre: a map of what the puck will hear.
        int cells = 24;
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                double u = (i + 0.5) / cells;
                double v = (j + 0.5) / cells;
                double[] wts = {(1 - u) * (1 - v), u * (1 - v), (1 - u) * v, u * v};
                double r = 0;
                double gr = 0;
                double b = 0;
                for (int c = 0; c < 4; c++) {
                    r += wts[c] * CORNER_COLORS[c].getRed();
                    gr += wts[c] * CORNER_COLORS[c].getGreen();
                    b += wts[c] * CORNER_COLORS[c].getBlue();
                }
                g.setFill(Color.color(r, gr, b, 0.22));
                g.fillRect(i * w / cells, j * h / cells, w / cells + 1, h / cells + 1);
            }
        }
        g.setStroke(Color.web("#363b47"));
        g.strokeLine(w / 2, 0, w / 2, h);
        g.strokeLine(0, h / 2, w, h / 2);
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        double[][] at = {{6, 10}, {w - 6, 10}, {6, h - 10}, {w - 6, h - 10}};
        for (int c = 0; c < 4; c++) {
            g.setTextAlign(c % 2 == 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
            g.setFill(CORNER_COLORS[c]);
            String name = c < cornerNames.size() ? cornerNames.get(c) : "";
            g.fillText(name.length() > 22 ? name.substring(0, 21) + "…" : name, at[c][0], at[c][1]);
        }
        double px = getPuckX() * w;
        double py = getPuckY() * h;
        g.setFill(Color.web("#ffffff", 0.9));
        g.fillOval(px - 8, py - 8, 16, 16);
        g.setStroke(Color.web("#15171c"));
        g.setLineWidth(2);
        g.strokeOval(px - 8, py - 8, 16, 16);
        g.setLineWidth(1);
    }
}
