package org.backbeat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backbeat.groove.Groove;
import org.backbeat.io.InputFiles;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.Interpolation;
import org.backbeat.model.Latent;
import org.backbeat.model.LatentCode;
import org.backbeat.model.MagentaImporter;
import org.backbeat.model.ModelFile;
import org.backbeat.model.StoredModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The model's commands: sample, interpolate, encode, decode, import-magenta. */
final class ModelCommands {

    private ModelCommands() {
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * An existing output file is replaced only when asked: a usage error names it and the option
     * that would (checked before any work; the final write checks again where it can).
     */
    static void refuseToReplace(CommandSpec spec, String option, Path file, boolean overwrite) {
        if (!overwrite && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw Usage.error(spec, option + " " + file + " already exists; pass --overwrite to replace it");
        }
    }

    /**
     * Files {@code PREFIX01.mid}, {@code PREFIX02.mid}, ... in a folder. Without overwrite the
     * numbers continue after the highest one there, and a name that appears meanwhile (another run
     * writing into the same folder) is skipped, never replaced.
     */
    static final class Numbered {
        private final Path dir;
        private final String prefix;
        private final boolean overwrite;
        private int next;

        Numbered(Path dir, String prefix, boolean overwrite) throws IOException {
            this.dir = dir;
            this.prefix = prefix;
            this.overwrite = overwrite;
            this.next = overwrite ? 1 : highest(dir, prefix) + 1;
        }

        static int highest(Path dir, String prefix) throws IOException {
            if (!Files.isDirectory(dir)) {
                return 0;
            }
            Pattern p = Pattern.compile(Pattern.quote(prefix) + "(\\d{1,9})\\.mid");
            int max = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    Matcher m = p.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        max = Math.max(max, Integer.parseInt(m.group(1)));
                    }
                }
            }
            return max;
        }

        Path write(Groove g) throws IOException {
            while (true) {
                Path f = dir.resolve(String.format("%s%02d.mid", prefix, next++));
                if (overwrite) {
                    MidiFiles.write(g, f);
                    return f;
                }
                try {
                    MidiFiles.writeNew(g, f);
                    return f;
                } catch (FileAlreadyExistsException taken) {
                    // another run took this number: the next one
                }
            }
        }
    }

    /** Options every model command shares. */
    abstract static class WithModel {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", description = "model file (.bbm); default: the shipped models/default.bbm")
        Path model;

        /** The model; a humanize or drumify model is refused with a one-line reason (it cannot sample or blend). */
        FastGrooveModel open() throws Exception {
            return org.backbeat.model.Models.open(model);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void checkTemperature(double t) {
            Usage.range(spec, "--temperature", t, 0, Usage.MAX_TEMPERATURE);
        }

        void checkQpm(double q) {
            Usage.range(spec, "--qpm", q, Usage.MIN_QPM, Usage.MAX_QPM);
        }

        /** An output folder: it may not exist yet, but it may not be a file. */
        void checkFolder(String option, Path dir) {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw Usage.error(spec, option + " must be a folder, and " + dir + " is a file");
            }
        }

        List<Groove> read(FastGrooveModel m, Path file) throws Exception {
            return MidiFiles.readGrooves(file, ReadOptions.userImport().withMapping(m.config().mapping()));
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Write N new 4-bar grooves sampled from the model (z ~ N(0, I)) as .mid files.")
    static final class Sample extends WithModel implements Callable<Integer> {
        @Option(names = "--count", description = "how many, 1 to 100,000, written as they come (default ${DEFAULT-VALUE})")
        int count = 4;
        @Option(names = "--temperature", description = "hit randomness, 0 = deterministic, at most 10 (default ${DEFAULT-VALUE})")
        double temperature = 1.0;
        @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
        long seed = 0;
        @Option(names = "--qpm", description = "tempo of the files, 20 to 400 (default ${DEFAULT-VALUE})")
        double qpm = 120;
        @Option(names = "--out", required = true, description = "folder for the .mid files (sample-NN.mid; a rerun "
            + "continues the numbers instead of replacing earlier files)")
        Path outDir;
        @Option(names = "--overwrite", description = "number from sample-01.mid again, replacing earlier files")
        boolean overwrite;

        /**
         * Grooves sampled at once. Up to this count the files are exactly those of one batch (as they
         * always were); larger counts are sampled and written a batch at a time, so memory stays
         * bounded and the first files exist long before the last (20,000 once wrote nothing until
         * every groove existed).
         */
        static final int BATCH = 256;

        @Override
        public Integer call() throws Exception {
            Usage.range(spec, "--count", count, 1, Usage.MAX_SAMPLE_COUNT);
            checkTemperature(temperature);
            checkQpm(qpm);
            checkFolder("--out", outDir);
            FastGrooveModel m = open();
            Numbered files = new Numbered(outDir, "sample-", overwrite);
            for (int from = 0; from < count; from += BATCH) {
                int n = Math.min(BATCH, count - from);
                long batchSeed = from == 0 ? seed : seed ^ (0x9E3779B97F4A7C15L * (from / BATCH));
                for (Groove g : m.sample(n, temperature, batchSeed)) {
                    Path f = files.write(g.withQpm(qpm));
                    out().printf("%s  %d hits%n", f, g.hitCount());
                }
                out().flush();
            }
            return 0;
        }
    }

    @Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = "Write K grooves blending A into B through z (first and last: the reconstructions of A and B).")
    static final class Interpolate extends WithModel implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A.mid")
        Path a;
        @Parameters(index = "1", paramLabel = "B.mid")
        Path b;
        @Option(names = "--steps", description = "how many grooves, 2 to 1,000 (default ${DEFAULT-VALUE})")
        int steps = 5;
        @Option(names = "--linear", description = "linear instead of spherical interpolation")
        boolean linear;
        @Option(names = "--temperature", description = "hit randomness of the decoding, 0 = deterministic, as the "
            + "studio's slider (default ${DEFAULT-VALUE}; Magenta's music_vae_generate uses 0.5)")
        double temperature = 0;
        @Option(names = "--seed", description = "random seed of the hits when --temperature > 0 (default ${DEFAULT-VALUE})")
        long seed = 0;
        @Option(names = "--out", description = "folder for the .mid files, one per step (interp-NN.mid; a rerun "
            + "continues the numbers instead of replacing earlier files)")
        Path outDir;
        @Option(names = "--one-file", paramLabel = "FILE.mid", description = "instead of --out: the whole path as one "
            + "long .mid file, one 4-bar section per step, each at its own tempo")
        Path oneFile;
        @Option(names = "--overwrite", description = "number from interp-01.mid again, replacing earlier files")
        boolean overwrite;

        @Override
        public Integer call() throws Exception {
            Usage.range(spec, "--steps", steps, 2, Usage.MAX_INTERPOLATION_STEPS);
            checkTemperature(temperature);
            if ((outDir == null) == (oneFile == null)) {
                throw Usage.error(spec, "give either --out FOLDER (one file per step) or --one-file FILE.mid");
            }
            if (outDir != null) {
                checkFolder("--out", outDir);
            } else if (Files.isDirectory(oneFile)) {
                throw Usage.error(spec, "--one-file must be a file, and " + oneFile + " is a folder");
            }
            FastGrooveModel m = open();
            Groove ga = read(m, a).get(0);
            Groove gb = read(m, b).get(0);
            Interpolation mode = linear ? Interpolation.LINEAR : Interpolation.SPHERICAL;
            List<Groove> path = temperature == 0 ? m.interpolate(ga, gb, steps, mode) : sampled(m, ga, gb, mode);
            if (oneFile != null) {
                MidiFiles.write(path, 0, oneFile);
                out().printf("%s  %d steps, %d hits%n", oneFile, path.size(),
                    path.stream().mapToInt(Groove::hitCount).sum());
                return 0;
            }
            Numbered files = new Numbered(outDir, "interp-", overwrite);
            for (Groove g : path) {
                Path f = files.write(g);
                out().printf("%s  %d hits%n", f, g.hitCount());
            }
            return 0;
        }

        /** The same path through z, its hits sampled at the temperature (tempo blended as in the plain path). */
        private List<Groove> sampled(FastGrooveModel m, Groove ga, Groove gb, Interpolation mode) {
            List<LatentCode> codes = m.encode(List.of(ga, gb));
            List<float[]> zs = new java.util.ArrayList<>();
            for (int i = 0; i < steps; i++) {
                zs.add(Latent.interpolate(codes.get(0).mean(), codes.get(1).mean(), i / (double) (steps - 1), mode));
            }
            List<Groove> decoded = m.decode(zs, temperature, seed, Groove.DEFAULT_QPM);
            List<Groove> out = new java.util.ArrayList<>();
            for (int i = 0; i < steps; i++) {
                out.add(decoded.get(i).withQpm(ga.qpm() + (gb.qpm() - ga.qpm()) * i / (steps - 1)));
            }
            return out;
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Print z (the posterior mean) of the first 4 bars of a MIDI file.")
    static final class Encode extends WithModel implements Callable<Integer> {
        @Parameters(paramLabel = "FILE.mid")
        Path file;
        @Option(names = "--json", description = "print {\"z\": [...], \"sigma\": [...]} instead of one z per line")
        boolean json;

        @Override
        public Integer call() throws Exception {
            FastGrooveModel m = open();
            LatentCode code = m.encode(read(m, file).get(0));
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("file", file.toString());
                r.put("z", code.mean());
                r.put("sigma", code.sigma());
                out().println(JSON.writeValueAsString(r));
            } else {
                out().println(JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(code.mean()));
            }
            return 0;
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode z (a JSON array of floats, or an object with \"z\") into a 4-bar .mid file.")
    static final class Decode extends WithModel implements Callable<Integer> {
        @Option(names = "--z", required = true, description = "JSON file with z")
        Path zFile;
        @Option(names = "--out", required = true, description = ".mid file to write")
        Path outFile;
        @Option(names = "--temperature", description = "default ${DEFAULT-VALUE}")
        double temperature = 0;
        @Option(names = "--seed", description = "default ${DEFAULT-VALUE}")
        long seed = 0;
        @Option(names = "--qpm", description = "default ${DEFAULT-VALUE}")
        double qpm = 120;
        @Option(names = "--overwrite", description = "replace the --out file if it exists")
        boolean overwrite;

        @Override
        public Integer call() throws Exception {
            checkTemperature(temperature);
            checkQpm(qpm);
            refuseToReplace(spec, "--out", outFile, overwrite);
            FastGrooveModel m = open();
            JsonNode node = new ObjectMapper().readTree(InputFiles.read(zFile, 1 << 20, "a z file"));
            if (node.isObject()) {
                node = node.path("z");
            }
            if (!node.isArray() || node.size() != m.zSize()) {
                spec.commandLine().getErr().printf("backbeat decode: %s must hold a JSON array of %d numbers (got %s)%n",
                    zFile, m.zSize(), node.isArray() ? node.size() + " values" : node.getNodeType());
                return 1;
            }
            float[] z = new float[node.size()];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) node.get(i).asDouble();
            }
            Groove g = m.decode(List.of(z), temperature, seed, qpm).get(0);
            if (overwrite) {
                MidiFiles.write(g, outFile);
            } else {
                MidiFiles.writeNew(g, outFile);
            }
            out().printf("%s  %d hits%n", outFile, g.hitCount());
            return 0;
        }
    }

    @Command(name = "import-magenta", mixinStandardHelpOptions = true,
        description = "Convert a Magenta.js GrooVAE checkpoint folder (config.json, weights_manifest.json, shards) "
            + "into a Backbeat model file.")
    static final class ImportMagenta implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "DIR")
        Path dir;
        @Option(names = "--out", required = true, description = "model file to write (.bbm)")
        Path outFile;
        @Option(names = "--overwrite", description = "replace the --out file if it exists")
        boolean overwrite;

        @Override
        public Integer call() throws Exception {
            refuseToReplace(spec, "--out", outFile, overwrite);
            StoredModel m = MagentaImporter.importCheckpoint(dir);
            ModelFile.save(outFile, m);
            spec.commandLine().getOut().printf("%s: encoder %d, z %d, decoder %s, %,d parameters%n", outFile,
                m.config().encoderSize(), m.config().zSize(), m.config().decoderSizes(), m.weights().parameterCount());
            return 0;
        }
    }
}
