package org.backbeat.studio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.model.Interpolation;

/**
 * An export of the A→B path (like Magenta Studio's Interpolate): what it needs of the session,
 * taken on the session's thread ({@link #of}), then decoded and written on a worker. The lanes are
 * those of the moment of the export: with "export as heard" muted lanes are left out.
 *
 * @param steps the number of grooves from A to B, both included
 */
public record PathExport(StudioGroove a, StudioGroove b, int steps, Lanes lanes, boolean asHeard, double swing) {

    /** The path between the session's slots A and B in {@code steps} steps, with its lanes, swing and export choice. */
    public static PathExport of(StudioSession session, int steps) {
        return new PathExport(session.slot(0), session.slot(1), steps, session.lanes(), session.exportAsHeard(),
            session.swing());
    }

    /** The file name offered for the whole path in one file. */
    public static String fileName(int steps) {
        return "backbeat-a-to-b-" + steps + "-steps.mid";
    }

    /** The path's grooves as they export (spherical interpolation; only the heard lanes with "as heard"). */
    public List<Groove> decode(StudioEngine engine) {
        List<Groove> out = new ArrayList<>();
        for (Groove g : engine.path(a, b, steps, Interpolation.SPHERICAL)) {
            out.add(asHeard ? lanes.heard(g) : g);
        }
        return out;
    }

    /** One .mid per step into {@code dir}; the status line's words for what was written, or why not. */
    public String writeClips(StudioEngine engine, Path dir) {
        return write(engine, g -> {
            for (int i = 0; i < g.size(); i++) {
                MidiFiles.write(g.get(i), swing, dir.resolve(StudioSession.clipName(i, g.size())));
            }
            return g.size() + " clips in " + dir.getFileName();
        });
    }

    /** One long .mid, a 4-bar section per step; the status line's words for what was written, or why not. */
    public String writeFile(StudioEngine engine, Path file) {
        return write(engine, g -> {
            MidiFiles.write(g, swing, file);
            return g.size() + " steps in " + file.getFileName();
        });
    }

    private interface Writer {
        String write(List<Groove> steps) throws IOException;
    }

    private String write(StudioEngine engine, Writer writer) {
        List<Groove> grooves = decode(engine);
        try {
            return "Exported " + writer.write(grooves);
        } catch (IOException e) {
            String m = e.getMessage();
            return "Could not export the A→B path: "
                + (m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m));
        }
    }
}
