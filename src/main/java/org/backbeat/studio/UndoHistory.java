package org.backbeat.studio;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * Undo/redo over immutable states. {@link #push} records the state being replaced, so the caller
 * always holds the current state itself; a new change clears the redo side, as in every editor.
 *
 * @param <T> an immutable state, e.g. a groove
 */
public final class UndoHistory<T> {

    private final int limit;
    private final Deque<T> undo = new ArrayDeque<>();
    private final Deque<T> redo = new ArrayDeque<>();

    public UndoHistory(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("undo limit must be positive");
        }
        this.limit = limit;
    }

    /** Records {@code previous} as the state to go back to before the change just made. */
    public void push(T previous) {
        undo.push(Objects.requireNonNull(previous));
        if (undo.size() > limit) {
            undo.removeLast();
        }
        redo.clear();
    }

    /** Returns the state before {@code current}, remembering {@code current} for redo. */
    public Optional<T> undo(T current) {
        if (undo.isEmpty()) {
            return Optional.empty();
        }
        redo.push(Objects.requireNonNull(current));
        return Optional.of(undo.pop());
    }

    /** Returns the state that {@link #undo} left, remembering {@code current} for undo. */
    public Optional<T> redo(T current) {
        if (redo.isEmpty()) {
            return Optional.empty();
        }
        undo.push(Objects.requireNonNull(current));
        return Optional.of(redo.pop());
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public void clear() {
        undo.clear();
        redo.clear();
    }
}
