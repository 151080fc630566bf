package org.backbeat.studio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The strip of recent grooves (generated, loaded, blended), newest first. Adding a groove that is
 * already the newest does nothing, so replaying the same groove does not fill the strip.
 */
public final class GrooveHistory {

    private final int capacity;
    private final List<StudioGroove> entries = new ArrayList<>();

    public GrooveHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** Adds {@code g} as the newest entry; returns false when it equals the newest already. */
    public boolean add(StudioGroove g) {
        if (!entries.isEmpty() && entries.get(0).groove().equals(g.groove())) {
            return false;
        }
        entries.add(0, g);
        while (entries.size() > capacity) {
            entries.remove(entries.size() - 1);
        }
        return true;
    }

    /** Newest first. */
    public List<StudioGroove> entries() {
        return Collections.unmodifiableList(entries);
    }

    public void clear() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }
}
