package org.backbeat.ui;

import javafx.event.Event;
import javafx.event.EventType;
import org.backbeat.groove.Groove;

/** One finished edit gesture on a {@link DrumGrid}: the groove before and after it. */
public class GrooveEditEvent extends Event {

    public static final EventType<GrooveEditEvent> EDITED = new EventType<>(Event.ANY, "GROOVE_EDITED");

    private final transient Groove before;
    private final transient Groove after;

    public GrooveEditEvent(Groove before, Groove after) {
        super(EDITED);
        this.before = before;
        this.after = after;
    }

    public Groove before() {
        return before;
    }

    public Groove after() {
        return after;
    }
}
