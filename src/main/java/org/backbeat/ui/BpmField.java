package org.backbeat.ui;

import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.TextInputControl;

/** The BPM spinner's text field: digits and one decimal point only, and what counts as typing. */
final class BpmField {

    private BpmField() {
    }

    /** Lets the spinner's editor take only a number, so a stray key never leaves "138g" there. */
    static void install(Spinner<Double> spinner) {
        spinner.getEditor().setTextFormatter(new TextFormatter<String>(change ->
            change.getControlNewText().matches("\\d{0,3}(\\.\\d{0,2})?") ? change : null));
    }

    /**
     * Whether key presses aimed at {@code node} are typing: a text field or area, or an editable
     * spinner or combo box (their editor gets the keys, but the control itself is the focus owner).
     */
    static boolean typingInto(Object node) {
        return node instanceof TextInputControl
            || node instanceof Spinner<?> s && s.isEditable()
            || node instanceof ComboBoxBase<?> c && c.isEditable();
    }
}
