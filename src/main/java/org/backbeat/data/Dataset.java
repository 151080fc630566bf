package org.backbeat.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.backbeat.groove.Groove;
import org.backbeat.io.Errors;
import org.backbeat.io.InputFiles;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.MidiScan;

/**
 * Training data from a folder: any folder of .mid/.midi files (recursive), or a Groove MIDI
 * Dataset folder whose {@code info.csv} gives each file's split. Windows are built once and cached
 * on disk (see {@link DatasetCache}), keyed by the files' bytes and the options.
 */
public final class Dataset {

    private final Path root;
    private final Map<Split, List<Groove>> windows;
    private final DatasetReport report;

    private Dataset(Path root, Map<Split, List<Groove>> windows, DatasetReport report) {
        this.root = root;
        this.windows = windows;
        this.report = report;
    }

    /** A file to read, with the split it belongs to (or a reason it is not read at all). */
    record Entry(Path file, String relative, Split split, String excluded) {
    }

    public static Dataset open(Path dir, DatasetOptions options, ProgressListener progress) throws IOException {
        return open(dir, options, progress, true);
    }

    /** As {@link #open(Path, DatasetOptions, ProgressListener)}; {@code useCache = false} always re-reads. */
    public static Dataset open(Path dir, DatasetOptions options, ProgressListener progress, boolean useCache)
        throws IOException {
        long t0 = System.nanoTime();
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        List<Entry> entries = Files.isRegularFile(dir.resolve("info.csv")) ? GmdIndex.read(dir) : plainFolder(dir, options);
        if (entries.isEmpty()) {
            throw new IOException("no MIDI files (.mid, .midi) in " + dir);
        }
        int n = entries.size();
        byte[][] bytes = new byte[n][];
        String[] hashes = new String[n];
        String[] unreadable = new String[n];
        AtomicLong done = new AtomicLong();
        IntStream.range(0, n).parallel().forEach(i -> {
            Entry e = entries.get(i);
            if (e.excluded() == null) {
                try {
                    // type and size before a byte is read: a FIFO hung here, a 2 GB file crashed
                    bytes[i] = InputFiles.read(e.file(), MidiFiles.MAX_FILE_BYTES, "a MIDI file");
                    hashes[i] = sha256(bytes[i]);
                } catch (InputFiles.Refused ex) {
                    unreadable[i] = ex.getMessage();
                    hashes[i] = "unreadable: " + ex.getMessage();
                } catch (IOException ex) {
                    unreadable[i] = "cannot read: " + Errors.describe(ex);
                    hashes[i] = "unreadable";
                }
            }
            progress.progress(done.incrementAndGet(), 2L * n, "reading files");
        });
        StringBuilder key = new StringBuilder(options.cacheKey());
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            key.append('\n').append(e.relative()).append('|').append(e.split()).append('|')
                .append(e.excluded() == null ? hashes[i] : e.excluded());
        }
        String cacheKey = sha256(key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        DatasetCache.Hit hit = useCache ? DatasetCache.load(cacheKey) : null;
        if (hit != null) {
            progress.progress(2L * n, 2L * n, "read from cache");
            DatasetReport r = hit.report();
            DatasetReport report = new DatasetReport(r.files(), r.skipped(), r.windows(), r.hitsPerClass(), r.minQpm(),
                r.maxQpm(), (System.nanoTime() - t0) / 1e9, true);
            return new Dataset(dir, hit.windows(), report);
        }

        MidiScan[] scans = new MidiScan[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            Entry e = entries.get(i);
            if (e.excluded() == null) {
                int hop = e.split() == Split.TRAIN ? options.trainHopBars() : options.evalHopBars();
                scans[i] = bytes[i] == null
                    ? MidiScan.skipped(e.relative(), unreadable[i])
                    : MidiFiles.scan(bytes[i], e.relative(), options.read().withHopBars(hop));
                bytes[i] = null; // scanned: the bytes are garbage now, not held until every file is done
            }
            progress.progress(done.incrementAndGet(), 2L * n, "scanning");
        });

        Map<Split, List<Groove>> windows = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            windows.put(s, new ArrayList<>());
        }
        List<DatasetReport.Skipped> skipped = new ArrayList<>();
        long[] hitsPerClass = new long[Groove.CLASSES];
        double minQpm = Double.POSITIVE_INFINITY;
        double maxQpm = 0;
        int files = 0;
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            if (e.excluded() != null) {
                skipped.add(new DatasetReport.Skipped(e.relative(), e.excluded()));
                continue;
            }
            MidiScan scan = scans[i];
            List<Groove> kept = scan.windows().stream().filter(g -> g.hitCount() >= options.minHits()).toList();
            if (!scan.ok()) {
                skipped.add(new DatasetReport.Skipped(e.relative(), scan.skipReason().get()));
                continue;
            }
            if (kept.isEmpty()) {
                skipped.add(new DatasetReport.Skipped(e.relative(), "no 4-bar window with at least " + options.minHits() + " hits"));
                continue;
            }
            files++;
            windows.get(e.split()).addAll(kept);
            minQpm = Math.min(minQpm, scan.qpm());
            maxQpm = Math.max(maxQpm, scan.qpm());
            for (Groove g : kept) {
                for (int c = 0; c < Groove.CLASSES; c++) {
                    hitsPerClass[c] += g.hitCount(c);
                }
            }
        }
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        windows.forEach((s, list) -> counts.put(s, list.size()));
        DatasetReport report = new DatasetReport(files, skipped, counts, hitsPerClass,
            files == 0 ? 0 : minQpm, maxQpm, (System.nanoTime() - t0) / 1e9, false);
        Map<Split, List<Groove>> frozen = new EnumMap<>(Split.class);
        windows.forEach((s, list) -> frozen.put(s, Collections.unmodifiableList(list)));
        if (useCache) {
            DatasetCache.save(cacheKey, frozen, report);
        }
        return new Dataset(dir, frozen, report);
    }

    private static List<Entry> plainFolder(Path dir, DatasetOptions options) throws IOException {
        List<Path> files;
        List<Entry> odd = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            // every path named like a MIDI file is listed: the ones that are not regular files (a
            // FIFO, a broken link, a folder named x.mid) with their reason, never silently dropped
            List<Path> named = walk.filter(p -> !p.equals(dir)).filter(Dataset::isMidi).sorted().toList();
            List<Path> regular = new ArrayList<>();
            for (Path p : named) {
                String why = InputFiles.whyNotRegular(p);
                if (why == null) {
                    regular.add(p);
                } else {
                    odd.add(new Entry(p, dir.relativize(p).toString(), Split.TRAIN, why));
                }
            }
            files = regular;
        }
        // Held-out files are chosen by a hash of the path, so adding files never moves old ones.
        List<String> relatives = files.stream().map(f -> dir.relativize(f).toString()).toList();
        List<Integer> order = new ArrayList<>(IntStream.range(0, files.size()).boxed().toList());
        order.sort((a, b) -> Long.compare(pathHash(relatives.get(a), options.seed()), pathHash(relatives.get(b), options.seed())));
        int held = files.size() < 2 ? 0 : (int) Math.ceil(files.size() * options.validationShare());
        Split[] split = new Split[files.size()];
        for (int k = 0; k < order.size(); k++) {
            split[order.get(k)] = k < held ? Split.VALIDATION : Split.TRAIN;
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            out.add(new Entry(files.get(i), relatives.get(i), split[i], null));
        }
        out.addAll(odd);
        return out;
    }

    static boolean isMidi(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".mid") || name.endsWith(".midi");
    }

    private static long pathHash(String relative, long seed) {
        long h = 1125899906842597L ^ seed;
        for (int i = 0; i < relative.length(); i++) {
            h = 31 * h + relative.charAt(i);
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path root() {
        return root;
    }

    public DatasetReport report() {
        return report;
    }

    public List<Groove> windows(Split split) {
        return windows.get(split);
    }

    public WindowTensors tensors(Split split) {
        return WindowTensors.of(windows(split));
    }
}
