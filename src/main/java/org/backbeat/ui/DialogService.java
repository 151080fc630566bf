package org.backbeat.ui;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.stage.Window;

/**
 * Every window the studio opens to ask or tell the musician something: the file choosers of
 * {@link FileDialogs}, errors, information and two-answer questions. The controller is given one
 * ({@link StudioApp}) and opens no window of its own, so a test answers the choosers (a native
 * {@code FileChooser} cannot be driven by a robot) and may see or answer the rest.
 * {@link FxDialogService} is the real one.
 *
 * <p>No method waits for the window: each returns at once, and an answer comes through its callback
 * on the JavaFX thread, so the loop plays on while a window is open.
 */
public interface DialogService extends FileDialogs {

    /** An error: {@code header} says what failed, {@code message} why (one line, or two). */
    void error(Window owner, String header, String message);

    /** Information in words: the window's {@code title}, a {@code header} and the {@code text} under it. */
    void message(Window owner, String title, String header, String text);

    /** Information laid out as {@code content} (a table, a long text) under {@code header}. */
    void show(Window owner, String title, String header, Node content);

    /**
     * Asks {@code question}; {@code answer} gets true for its yes button, false for its no button or
     * a window closed without an answer.
     */
    void ask(Window owner, Question question, Consumer<Boolean> answer);

    /**
     * A question with two answers.
     *
     * @param header  the question itself ("Restore your last session?")
     * @param message what it is about, in a line or two
     * @param yes     the yes button's words (the default button)
     * @param no      the no button's words (also Escape)
     * @param warning whether yes can lose something: drawn as a warning, not as a plain question
     */
    record Question(String header, String message, String yes, String no, boolean warning) {
    }
}
