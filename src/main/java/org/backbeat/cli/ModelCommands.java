package org.backbeat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.Interpolation;
import org.backbeat.model.LatentCode;
import org.backbeat.model.MagentaImporter;
import org.backbeat.model.ModelFile;
import org.backbeat.model.Models;
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

    /** Options every model command shares. */
    abstract static class WithModel {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", description = "model file (.bbm); default: the shipped models/default.bbm")
        Path model;

        FastGrooveModel open() throws Exception {
            return Models.open(model);
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
        @Option(names = "--count", description = "how many (default ${DEFAULT-VALUE})")
        int count = 4;
        @Option(names = "--temperature", description = "hit randomness, 0 = deterministic (default ${DEFAULT-VALUE})")
        double temperature = 1.0;
        @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
        long seed = 0;
        @Option(names = "--qpm", description = "tempo of the files (default ${DEFAULT-VALUE})")
        double qpm = 120;
        @Option(names = "--out", required = true, description = "folder for the .mid files")
        Path outDir;

        @Override
        public Integer call() throws Exception {
            Usage.range(spec, "--count", count, 1, Usage.MAX_SAMPLE_COUNT);
            checkTemperature(temperature);
            checkQpm(qpm);
            checkFolder("--out", outDir);
            FastGrooveModel m = open();
            List<Groove> grooves = m.sample(count, temperature, seed);
            for (int i = 0; i < grooves.size(); i++) {
                Path f = outDir.resolve(String.format("sample-%02d.mid", i + 1));
                MidiFiles.write(grooves.get(i).withQpm(qpm), f);
                out().printf("%s  %d hits%n", f, grooves.get(i).hitCount());
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
        @Option(names = "--steps", description = "how many grooves (default ${DEFAULT-VALUE})")
        int steps = 5;
        @Option(names = "--linear", description = "linear instead of spherical interpolation")
        boolean linear;
        @Option(names = "--out", required = true, description = "folder for the .mid files")
        Path outDir;

        @Override
        public Integer call() throws Exception {
            Usage.range(spec, "--steps", steps, 2, Usage.MAX_INTERPOLATION_STEPS);
            checkFolder("--out", outDir);
            FastGrooveModel m = open();
            List<Groove> path = m.interpolate(read(m, a).get(0), read(m, b).get(0), steps,
                linear ? Interpolation.LINEAR : Interpolation.SPHERICAL);
            for (int i = 0; i < path.size(); i++) {
                Path f = outDir.resolve(String.format("interp-%02d.mid", i + 1));
                MidiFiles.write(path.get(i), f);
                out().printf("%s  %d hits%n", f, path.get(i).hitCount());
            }
            return 0;
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

        @Override
        public Integer call() throws Exception {
            checkTemperature(temperature);
            checkQpm(qpm);
            FastGrooveModel m = open();
            JsonNode node = new ObjectMapper().readTree(zFile.toFile());
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
            MidiFiles.write(g, outFile);
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

        @Override
        public Integer call() throws Exception {
            StoredModel m = MagentaImporter.importCheckpoint(dir);
            ModelFile.save(outFile, m);
            spec.commandLine().getOut().printf("%s: encoder %d, z %d, decoder %s, %,d parameters%n", outFile,
                m.config().encoderSize(), m.config().zSize(), m.config().decoderSizes(), m.weights().parameterCount());
            return 0;
        }
    }
}
