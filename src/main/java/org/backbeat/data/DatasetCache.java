package org.backbeat.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.backbeat.groove.Groove;
import org.backbeat.io.AtomicFiles;

/**
 * On-disk cache of a dataset's windows, so that a second training run starts in well under a
 * second. Only hits are stored (a window is ~95% empty cells), ~10 bytes a hit. The file name is
 * a hash of the options and of every file's bytes: any change to the data makes a new entry. A
 * cache that cannot be read or written is ignored: it only ever costs time, never correctness.
 */
final class DatasetCache {

    private static final int MAGIC = 0x42424431; // "BBD1"

    record Hit(Map<Split, List<Groove>> windows, DatasetReport report) {
    }

    private DatasetCache() {
    }

    static Path directory() {
        String prop = System.getProperty("backbeat.cache");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("backbeat");
    }

    static Hit load(String key) {
        Path file = directory().resolve("dataset-" + key + ".bin");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                return null;
            }
            int files = in.readInt();
            int skippedCount = in.readInt();
            List<DatasetReport.Skipped> skipped = new ArrayList<>();
            for (int i = 0; i < skippedCount; i++) {
                skipped.add(new DatasetReport.Skipped(in.readUTF(), in.readUTF()));
            }
            long[] hitsPerClass = new long[Groove.CLASSES];
            for (int c = 0; c < hitsPerClass.length; c++) {
                hitsPerClass[c] = in.readLong();
            }
            double minQpm = in.readDouble();
            double maxQpm = in.readDouble();
            Map<Split, List<Groove>> windows = new EnumMap<>(Split.class);
            Map<Split, Integer> counts = new EnumMap<>(Split.class);
            for (Split s : Split.values()) {
                int n = in.readInt();
                List<Groove> list = new ArrayList<>(n);
                for (int w = 0; w < n; w++) {
                    list.add(readGroove(in));
                }
                windows.put(s, Collections.unmodifiableList(list));
                counts.put(s, n);
            }
            return new Hit(windows, new DatasetReport(files, skipped, counts, hitsPerClass, minQpm, maxQpm, 0, true));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static void save(String key, Map<Split, List<Groove>> windows, DatasetReport report) {
        try {
            AtomicFiles.write(directory().resolve("dataset-" + key + ".bin"), raw -> {
                DataOutputStream out = new DataOutputStream(raw);
                out.writeInt(MAGIC);
                out.writeInt(report.files());
                out.writeInt(report.skipped().size());
                for (DatasetReport.Skipped s : report.skipped()) {
                    out.writeUTF(s.file());
                    out.writeUTF(s.reason());
                }
                for (long h : report.hitsPerClass()) {
                    out.writeLong(h);
                }
                out.writeDouble(report.minQpm());
                out.writeDouble(report.maxQpm());
                for (Split s : Split.values()) {
                    List<Groove> list = windows.get(s);
                    out.writeInt(list.size());
                    for (Groove g : list) {
                        writeGroove(out, g);
                    }
                }
                out.flush();
            });
        } catch (IOException | RuntimeException e) {
            // a cache is an optimisation: a full disk or read-only home only costs the next run time
        }
    }

    private static void writeGroove(DataOutputStream out, Groove g) throws IOException {
        out.writeDouble(g.qpm());
        out.writeShort(g.hitCount());
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (g.hit(s, c)) {
                    out.writeByte(s);
                    out.writeByte(c);
                    out.writeFloat(g.velocity(s, c));
                    out.writeFloat(g.offset(s, c));
                }
            }
        }
    }

    private static Groove readGroove(DataInputStream in) throws IOException {
        double qpm = in.readDouble();
        int hits = in.readShort();
        boolean[][] h = new boolean[Groove.STEPS][Groove.CLASSES];
        float[][] v = new float[Groove.STEPS][Groove.CLASSES];
        float[][] o = new float[Groove.STEPS][Groove.CLASSES];
        for (int i = 0; i < hits; i++) {
            int s = in.readByte();
            int c = in.readByte();
            h[s][c] = true;
            v[s][c] = in.readFloat();
            o[s][c] = in.readFloat();
        }
        return Groove.of(h, v, o, qpm);
    }
}
