package org.backbeat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetOptions;
import org.backbeat.data.DatasetReport;
import org.backbeat.data.Split;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.MidiScan;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.LatentDirection;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.StoredModel;
import org.backbeat.studio.ModelDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat inspect PATH}: what Backbeat finds in a MIDI file or a folder of them. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Show what Backbeat reads from a MIDI file or a folder (recursive, or a Groove MIDI Dataset "
        + "folder with info.csv): files, bars, 4-bar windows, tempo, time signature, hits per drum class, "
        + "and every skipped file with its reason. Given a model file (.bbm): its card, architecture, "
        + "training, metrics and latent sliders.",
        "Exit code: 0 when something was read, 1 when nothing could be read, 2 on bad usage."})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "a .mid/.midi file, a folder, or a .bbm model")
    Path path;

    @Option(names = "--json", description = "print JSON (keys: files, windows, skipped, ...)")
    boolean json;

    @Option(names = "--all-channels", description = "read notes on every channel as drums, not only channel 10")
    boolean allChannels;

    @Option(names = "--min-hits", description = "drop windows with fewer hits (folders; default ${DEFAULT-VALUE})")
    int minHits = 8;

    @Option(names = "--hop", paramLabel = "BARS", description = "hop of the training split's windows in bars, as "
        + "train --hop (folders; default ${DEFAULT-VALUE}; validation and test windows never overlap)")
    int hop = 1;

    @Option(names = "--no-cache", description = "re-read every file instead of using the window cache")
    boolean noCache;

    @Override
    public Integer call() throws Exception {
        Usage.range(spec, "--min-hits", minHits, 0, org.backbeat.groove.Groove.STEPS * org.backbeat.groove.Groove.CLASSES);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(path)) {
            err.println("backbeat inspect: no such file or folder: " + path);
            return 1;
        }
        if (hop < 1) {
            err.println("backbeat inspect: --hop must be at least 1 bar, not " + hop);
            return 2;
        }
        if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase().endsWith(".bbm")) {
            return model(out, err);
        }
        Map<String, Object> result = Files.isDirectory(path) ? folder(err) : file();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            printText(out, result);
        }
        return ((Number) result.get("files")).intValue() > 0 ? 0 : 1;
    }

    /** A Backbeat model file: its card, architecture, training, metrics and latent sliders. */
    private int model(PrintWriter out, PrintWriter err) throws Exception {
        StoredModel m;
        try {
            m = ModelFile.load(path);
        } catch (ModelFileException e) {
            err.println("backbeat inspect: " + e.getMessage());
            return 1;
        }
        if (json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("path", path.toString());
            r.put("config", ModelFile.configJson(m.config())); // as the file's own config.json
            r.put("card", m.card());
            r.put("directions", m.directions().stream().map(LatentDirection::name).toList());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
        } else {
            out.print(ModelDescription.of(m));
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> file() {
        MidiScan scan = MidiFiles.scan(path, ReadOptions.userImport().withAllChannelsAreDrums(allChannels));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", path.toString());
        r.put("files", scan.ok() ? 1 : 0);
        r.put("windows", scan.windows().size());
        r.put("bars", scan.bars());
        r.put("qpm", round(scan.qpm()));
        r.put("timeSignature", scan.timeSignature());
        r.put("hitsPerClass", perClass(scan.hitsPerClass()));
        List<Map<String, String>> skipped = new ArrayList<>();
        scan.skipReason().ifPresent(reason -> skipped.add(Map.of("file", path.toString(), "reason", reason)));
        r.put("skipped", skipped);
        return r;
    }

    private Map<String, Object> folder(PrintWriter err) throws Exception {
        DatasetOptions options = DatasetOptions.defaults().withMinHits(minHits).withTrainHopBars(hop)
            .withRead(ReadOptions.training().withAllChannelsAreDrums(allChannels));
        Dataset ds = Dataset.open(path, options, new ProgressBar(err), !noCache);
        DatasetReport rep = ds.report();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", path.toString());
        r.put("files", rep.files());
        r.put("filesSkipped", rep.skipped().size());
        r.put("windows", rep.totalWindows());
        Map<String, Integer> perSplit = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            perSplit.put(s.name().toLowerCase(), rep.windows().get(s));
        }
        r.put("windowsPerSplit", perSplit);
        r.put("windowHopBars", Map.of("train", options.trainHopBars(), "validation", options.evalHopBars(),
            "test", options.evalHopBars()));
        r.put("hitsPerClass", perClass(rep.hitsPerClass()));
        r.put("tempo", Map.of("min", round(rep.minQpm()), "max", round(rep.maxQpm())));
        r.put("seconds", Math.round(rep.seconds() * 1000) / 1000.0);
        r.put("fromCache", rep.fromCache());
        List<Map<String, String>> skipped = new ArrayList<>();
        for (DatasetReport.Skipped s : rep.skipped()) {
            skipped.add(Map.of("file", s.file(), "reason", s.reason()));
        }
        r.put("skipped", skipped);
        return r;
    }

    private static Map<String, Long> perClass(long[] counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (DrumClass c : DrumClass.values()) {
            m.put(c.label(), counts[c.ordinal()]);
        }
        return m;
    }

    private static Map<String, Long> perClass(int[] counts) {
        long[] l = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            l[i] = counts[i];
        }
        return perClass(l);
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> r) {
        out.printf("%s%n", r.get("path"));
        out.printf("  files read:   %s%n", r.get("files"));
        if (r.containsKey("filesSkipped")) {
            out.printf("  skipped:      %s%n", r.get("filesSkipped"));
            out.printf("  windows:      %s %s%n", r.get("windows"), r.get("windowsPerSplit"));
            out.printf("  tempo:        %s%n", r.get("tempo"));
            out.printf("  took:         %.2f s%s%n", (Double) r.get("seconds"), Boolean.TRUE.equals(r.get("fromCache")) ? " (from cache)" : "");
        } else {
            out.printf("  bars:         %s (%s, %s qpm)%n", r.get("bars"), r.get("timeSignature"), r.get("qpm"));
            out.printf("  windows:      %s%n", r.get("windows"));
        }
        out.printf("  hits/class:   %s%n", r.get("hitsPerClass"));
        List<Map<String, String>> skipped = (List<Map<String, String>>) r.get("skipped");
        int shown = 0;
        for (Map<String, String> s : skipped) {
            if (shown++ == 50) {
                out.printf("  ... and %d more (use --json for all)%n", skipped.size() - 50);
                break;
            }
            out.printf("  skipped %s: %s%n", s.get("file"), s.get("reason"));
        }
    }
}
