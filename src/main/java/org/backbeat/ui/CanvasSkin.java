package org.backbeat.ui;

import java.util.List;
import java.util.function.Function;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Control;
import javafx.scene.control.SkinBase;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * A skin that paints its control on one canvas filling the content area, and repaints when resized
 * or when a property it paints changes. The drum grid and the blend pad are both drawn this way:
 * thousands of cells as nodes would be slow to lay out, one canvas is cheap to redraw at 60 fps.
 *
 * <p>The colours a skin paints with are its CSS properties ({@link #paint}), one colour each (JavaFX
 * reads only the first of a comma-separated list in a property it does not know), declared in
 * {@code styles/studio.css} under the control's style class; none is written in Java.
 * A property the style sheet does not set is transparent, so a missing rule shows as a gap, not as
 * a colour that silently differs from the theme.
 *
 * @param <C> the control
 */
abstract class CanvasSkin<C extends Control> extends SkinBase<C> {

    protected final Canvas canvas = new Canvas();
    private final List<CssMetaData<? extends Styleable, ?>> css;
    private final Runnable disposeBehavior;

    /**
     * @param css             the subclass's CSS properties (its static {@code getClassCssMetaData()})
     * @param disposeBehavior removes the behaviour's handlers when the skin is replaced
     */
    protected CanvasSkin(C control, List<CssMetaData<? extends Styleable, ?>> css, Runnable disposeBehavior) {
        super(control);
        this.css = css;
        this.disposeBehavior = disposeBehavior;
        getChildren().add(canvas);
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return css;
    }

    @Override
    public void dispose() {
        if (getSkinnable() == null) {
            return;
        }
        disposeBehavior.run();
        super.dispose();
    }

    /** Paints everything on {@link #canvas} at its current size. */
    protected abstract void draw();

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        canvas.relocate(x, y);
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            draw();
        }
    }

    /** A styleable colour of this skin, repainted when the style sheet changes it. */
    protected final StyleableObjectProperty<Paint> styled(CssMetaData<C, Paint> meta) {
        StyleableObjectProperty<Paint> p = new SimpleStyleableObjectProperty<>(meta, this, meta.getProperty(),
            meta.getInitialValue(getSkinnable()));
        registerChangeListener(p, o -> draw());
        return p;
    }

    /** {@code p} as a colour, for arithmetic on its components; a gradient counts as transparent. */
    protected static Color color(Paint p) {
        return p instanceof Color c ? c : Color.TRANSPARENT;
    }

    /**
     * The CSS property {@code property}: one colour held by the skin of type {@code skin} (what
     * {@code field} returns); settable only while the control wears such a skin.
     */
    static <C extends Control, K extends SkinBase<C>> CssMetaData<C, Paint> paint(
            String property, Class<K> skin, Function<K, StyleableObjectProperty<Paint>> field) {
        return new SkinMeta<>(property, StyleConverter.getPaintConverter(), Color.TRANSPARENT, skin, field);
    }

    /** A CSS property whose value lives in the control's skin, as JavaFX's own skins keep theirs. */
    private static final class SkinMeta<C extends Control, K extends SkinBase<C>, V> extends CssMetaData<C, V> {
        private final Class<K> skin;
        private final Function<K, StyleableObjectProperty<V>> field;

        SkinMeta(String property, StyleConverter<?, V> converter, V initial, Class<K> skin,
                 Function<K, StyleableObjectProperty<V>> field) {
            super(property, converter, initial);
            this.skin = skin;
            this.field = field;
        }

        @Override
        public boolean isSettable(C control) {
            return skin.isInstance(control.getSkin()) && !field.apply(skin.cast(control.getSkin())).isBound();
        }

        @Override
        public StyleableProperty<V> getStyleableProperty(C control) {
            return field.apply(skin.cast(control.getSkin()));
        }
    }
}
