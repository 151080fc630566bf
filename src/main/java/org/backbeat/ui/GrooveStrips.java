package org.backbeat.ui;

import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.backbeat.studio.StudioGroove;
import org.backbeat.studio.StudioSession;

/**
 * The studio's two strips of thumbnails, drawn from the {@link StudioSession}: the history (click
 * brings a groove back, right-click puts it in A or B) and the last Generate's or Vary's variations
 * (click auditions, double-click keeps; the auditioned one, else the one on the grid, outlined).
 */
final class GrooveStrips {

    private static final double THUMB_MIN_WIDTH = 112;
    private static final double THUMB_MAX_WIDTH = 240;
    /** A thumbnail's height over its width: 64 steps by 9 lanes, drawn compact. */
    private static final double THUMB_ASPECT = 40.0 / 112;

    private final StudioSession session;
    private final HBox historyBox;
    private final VBox variationsPane;
    private final HBox variationsBox;
    private final IntConsumer audition;
    private final DoubleProperty thumbWidth = new SimpleDoubleProperty(THUMB_MIN_WIDTH);
    /** The variations the strip shows (the session's list itself: a new Generate or Vary makes a new one). */
    private List<StudioGroove> shownVariations;

    /** @param audition plays variation i without putting it on the grid */
    GrooveStrips(StudioSession session, HBox historyBox, ScrollPane historyScroll, VBox variationsPane,
        HBox variationsBox, IntConsumer audition) {
        this.session = session;
        this.historyBox = historyBox;
        this.variationsPane = variationsPane;
        this.variationsBox = variationsBox;
        this.audition = audition;
        // About seven thumbnails across the strip, never smaller than at the smallest window and
        // never taller than a glance needs; the strip grows with them.
        thumbWidth.bind(Bindings.createDoubleBinding(
            () -> Math.max(THUMB_MIN_WIDTH, Math.min(THUMB_MAX_WIDTH, historyScroll.getWidth() / 7 - 6)),
            historyScroll.widthProperty()));
        historyScroll.minHeightProperty().bind(thumbWidth.multiply(THUMB_ASPECT).add(22));
        historyScroll.prefHeightProperty().bind(historyScroll.minHeightProperty());
    }

    /** Redraws the strips for what the session says changed. */
    void render(Set<StudioSession.Change> what) {
        if (what.contains(StudioSession.Change.HISTORY)) {
            rebuildHistory();
        }
        if (what.contains(StudioSession.Change.VARIATIONS) && session.variations() != shownVariations) {
            rebuildVariations();
        } else if (what.contains(StudioSession.Change.VARIATIONS)) {
            // an audition or a keep: the same thumbnails, restyled (not rebuilt under the pointer
            // between the two clicks of a double-click)
            markVariations();
        } else if (what.contains(StudioSession.Change.CURRENT)) {
            markVariations(); // a drag shows a groove per frame: restyle the thumbnails, do not rebuild them
        }
    }

    private void rebuildHistory() {
        historyBox.getChildren().clear();
        for (StudioGroove g : session.history()) {
            DrumGrid thumb = new DrumGrid();
            thumb.setCompact(true);
            thumb.setEditable(false);
            thumb.setGroove(g.groove());
            thumb.prefWidthProperty().bind(thumbWidth);
            thumb.minWidthProperty().bind(thumbWidth);
            thumb.prefHeightProperty().bind(thumbWidth.multiply(THUMB_ASPECT));
            thumb.minHeightProperty().bind(thumb.prefHeightProperty());
            thumb.maxHeightProperty().bind(thumb.prefHeightProperty());
            thumb.getStyleClass().add("history-item");
            Tooltip.install(thumb, new Tooltip(g.label() + " — click to bring back; right-click for A/B"));
            ContextMenu menu = new ContextMenu(item("Put in A", () -> session.setSlot(0, g)),
                item("Put in B", () -> session.setSlot(1, g)));
            thumb.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY) {
                    session.commit(g, false);
                } else if (e.getButton() == MouseButton.SECONDARY) {
                    menu.show(thumb, e.getScreenX(), e.getScreenY());
                }
            });
            historyBox.getChildren().add(thumb);
        }
    }

    /** The last Generate's or Vary's grooves: click auditions, double-click keeps (Enter too). */
    private void rebuildVariations() {
        List<StudioGroove> made = session.variations();
        shownVariations = made;
        variationsPane.setVisible(!made.isEmpty());
        variationsPane.setManaged(!made.isEmpty());
        variationsBox.getChildren().clear();
        for (int i = 0; i < made.size(); i++) {
            int index = i;
            StudioGroove g = made.get(i);
            DrumGrid thumb = new DrumGrid();
            thumb.setCompact(true);
            thumb.setEditable(false);
            thumb.setGroove(g.groove());
            thumb.setPrefSize(112, 40);
            thumb.getStyleClass().add("variation");
            Tooltip.install(thumb, new Tooltip(g.label() + " — click to audition, double-click or Enter to keep"));
            thumb.setOnMouseClicked(e -> {
                if (e.getButton() != MouseButton.PRIMARY) {
                    return;
                }
                if (e.getClickCount() >= 2) {
                    session.takeVariation(index);
                } else {
                    audition.accept(index);
                }
            });
            variationsBox.getChildren().add(thumb);
        }
        markVariations();
    }

    /** Outlines the auditioned variation, else the one on the grid. */
    private void markVariations() {
        List<StudioGroove> made = session.variations();
        List<Node> thumbs = variationsBox.getChildren();
        for (int i = 0; i < thumbs.size() && i < made.size(); i++) {
            List<String> classes = thumbs.get(i).getStyleClass();
            classes.removeAll(List.of("auditioned", "current"));
            if (i == session.auditioned()) {
                classes.add("auditioned");
            } else if (session.auditioned() < 0 && made.get(i).groove().equals(session.current().groove())) {
                classes.add("current");
            }
        }
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        return m;
    }
}
