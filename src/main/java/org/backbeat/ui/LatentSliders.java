package org.backbeat.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.backbeat.model.LatentDirection;

/** The latent sliders' panel: one slider per direction (at most eight) and a reset button. */
final class LatentSliders {

    private static final int MAX_SLIDERS = 8;

    private final VBox box;
    private final Label hint;
    private final List<Slider> sliders = new ArrayList<>();
    private int directions;
    /** True while {@link #reset()} moves the sliders, which is not a gesture of the musician's. */
    private boolean resetting;

    LatentSliders(VBox box, Label hint) {
        this.box = box;
        this.hint = hint;
    }

    /**
     * One slider per direction; {@code onMove} gets false while a slider is dragged and true when
     * the drag ends, {@code onReset} runs for the reset button.
     */
    void build(List<LatentDirection> dirs, Consumer<Boolean> onMove, Runnable onReset) {
        box.getChildren().clear();
        sliders.clear();
        directions = dirs.size();
        if (dirs.isEmpty()) {
            hint.setText("This model has no latent directions (train with Backbeat to get them).");
            box.getChildren().add(hint);
            return;
        }
        for (LatentDirection d : dirs.subList(0, Math.min(MAX_SLIDERS, dirs.size()))) {
            Label name = new Label(d.name());
            name.getStyleClass().add("slider-name");
            Slider s = new Slider(-1, 1, 0);
            s.setId("latent-" + sliders.size());
            s.setBlockIncrement(0.05);
            s.setTooltip(new Tooltip(d.description()));
            s.valueProperty().addListener((o, a, b) -> {
                if (s.isValueChanging()) {
                    onMove.accept(false);
                } else if (!resetting) {
                    onMove.accept(true); // arrow keys, Home/End, a click on the track: a whole gesture
                }
            });
            s.valueChangingProperty().addListener((o, was, now) -> {
                if (!now) {
                    onMove.accept(true);
                }
            });
            sliders.add(s);
            box.getChildren().add(new VBox(1, name, s));
        }
        Button reset = new Button("Reset sliders");
        reset.setMaxWidth(Double.MAX_VALUE);
        reset.setOnAction(e -> onReset.run());
        box.getChildren().add(reset);
    }

    boolean isEmpty() {
        return sliders.isEmpty();
    }

    /** One value per direction of the model (0 for those without a slider). */
    double[] values() {
        double[] v = new double[directions];
        for (int i = 0; i < sliders.size(); i++) {
            v[i] = sliders.get(i).getValue();
        }
        return v;
    }

    void reset() {
        resetting = true;
        try {
            sliders.forEach(s -> s.setValue(0));
        } finally {
            resetting = false;
        }
    }
}
