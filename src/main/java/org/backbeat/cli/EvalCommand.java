package org.backbeat.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetOptions;
import org.backbeat.data.Split;
import org.backbeat.groove.Groove;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.Models;
import org.backbeat.train.EvaluationResult;
import org.backbeat.train.Evaluator;
import org.backbeat.train.ModelTrainingData;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelFile;
import org.backbeat.model.StoredModel;
import org.backbeat.model.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat eval}: the model card's numbers, reproducibly. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a model on 4-bar windows (hop 4 bars) of a folder or one of its splits: reconstruction "
        + "(step accuracy, hit precision/recall/F1, velocity and offset error on true hits), negative ELBO and KL, "
        + "prior-sample statistics against the data (overlapping area), and baselines. The nearest-training-window "
        + "baseline searches the model's own training data (the folder and settings its card records); where that "
        + "is not on this machine the baseline is skipped, with a line that says so. A humanize model is scored from "
        + "each window's quantized hits (velocity and offset error against the real performance, vs class-mean "
        + "velocity, on-the-grid and nearest-training-window baselines), a drumify model from its taps (hit F1, "
        + "velocity and offset error, vs the training window with the nearest taps).")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", description = "model file (default: the shipped model)")
    Path model;

    @Option(names = "--data", required = true, description = "GMD folder with info.csv, or a folder of .mid files")
    Path data;

    @Option(names = "--split", description = "all, train, validation or test (default: test for a Groove MIDI "
        + "Dataset folder with info.csv, all for a plain folder). all = every window of every file, none "
        + "overlapping; train/validation = the files a training run on this folder uses or holds out "
        + "(--validation-share)")
    String split;

    @Option(names = "--validation-share", description = "with --split train/validation on a plain folder: the share "
        + "of files held out, as in train (default ${DEFAULT-VALUE})")
    double validationShare = 0.1;

    @Option(names = "--training-data", paramLabel = "DIR", description = "where the model's training data is on this "
        + "machine, when not at the path its card records (for the nearest-training-window baseline)")
    Path trainingData;

    @Option(names = "--samples", description = "prior samples (default ${DEFAULT-VALUE})")
    int samples = 1000;

    @Option(names = "--seed", description = "seed of the prior samples (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--no-baseline", description = "skip the nearest-training-window baseline")
    boolean noBaseline;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--write-card", description = "store the results in the model card's metrics (under "
        + "\"eval.SPLIT\"), so the card's numbers are what this command reproduces; the model file is rewritten "
        + "atomically")
    boolean writeCard;

    @Option(names = "--name", description = "with --write-card: also set the card's name")
    String name;

    @Option(names = "--description", description = "with --write-card: also set the card's description")
    String description;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Usage.range(spec, "--samples", samples, 0, Usage.MAX_SAMPLE_COUNT);
        if (split != null) {
            Usage.oneOf(spec, "--split", split.toLowerCase(Locale.ROOT), ALL, "train", "validation", "test");
        }
        if (!Files.isDirectory(data)) {
            err.println("backbeat eval: " + data + " is not a folder");
            return 1;
        }
        boolean gmd = Files.isRegularFile(data.resolve("info.csv"));
        String which = split != null ? split.toLowerCase(Locale.ROOT) : gmd ? "test" : ALL;
        // --split was checked above (a usage error), so valueOf cannot fail here
        Split s = which.equals(ALL) ? null : Split.valueOf(which.toUpperCase(Locale.ROOT));
        Usage.range(spec, "--validation-share", validationShare, 0, true, 1, false);
        StoredModel stored = ModelFile.load(model != null ? model : Models.defaultModelPath());
        FastGrooveModel m = new FastGrooveModel(stored);
        DatasetOptions options = DatasetOptions.defaults().withRead(ReadOptions.training()
            .withMapping(m.config().mapping())).withMinHits(1).withValidationShare(validationShare);
        List<Groove> windows;
        if (s == null) {
            // every file's windows at the evaluation hop, whatever split a file would belong to
            Dataset all = Dataset.open(data, options.allAtEvalHop(), new ProgressBar(err));
            windows = new ArrayList<>();
            for (Split each : Split.values()) {
                windows.addAll(all.windows(each));
            }
        } else {
            Dataset ds = Dataset.open(data, options, new ProgressBar(err));
            windows = ds.windows(s);
            if (windows.isEmpty() && s == Split.TEST && split == null) {
                err.println("(no test split in " + data + "; using validation)");
                s = Split.VALIDATION;
                windows = ds.windows(s);
            }
        }
        String splitName = s == null ? ALL : s.name().toLowerCase(Locale.ROOT);
        if (windows.isEmpty()) {
            err.println("backbeat eval: no " + (s == null ? "" : splitName + " ") + "windows in " + data
                + (s == Split.TEST ? " (a plain folder has no test split; --split all evaluates every window)" : ""));
            return 1;
        }
        List<Groove> training = List.of();
        String trainingSource;
        if (noBaseline) {
            trainingSource = "not used (--no-baseline)";
        } else {
            ModelTrainingData.Lookup lookup = ModelTrainingData.find(stored.card(), m.config().mapping(), trainingData);
            if (!lookup.found()) {
                err.println("baseline: " + lookup.reason() + "; the nearest-training-window baseline is skipped");
                trainingSource = "not found: " + lookup.reason();
            } else {
                ModelTrainingData td = lookup.data();
                try {
                    training = td.trainWindows(new ProgressBar(err));
                    trainingSource = td.describe() + ", " + training.size() + " windows";
                } catch (IOException e) {
                    String reason = "cannot read the model's training data " + td.folder() + ": " + e.getMessage();
                    err.println("baseline: " + reason + "; the nearest-training-window baseline is skipped");
                    trainingSource = "not read: " + reason;
                }
                if (!training.isEmpty() && td.recorded() >= 0 && td.recorded() != training.size()) {
                    err.println("baseline: " + td.folder() + " now gives " + training.size() + " training windows, the "
                        + "model's card says " + td.recorded() + " (files changed since training?)");
                }
                if (sameFolder(td.folder(), data) && (s == null || s == Split.TRAIN)) {
                    err.println("note: " + data + " is this model's training data, so these windows include ones it "
                        + "was trained on" + (gmd ? "; --split test or validation evaluates held-out files" : ""));
                }
            }
        }
        Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("model", model == null ? "shipped" : model.toString());
        r.put("split", splitName);
        r.put("trainingData", trainingSource);
        // a humanize or drumify model is scored on what it is for, from its transformed input, against its baselines
        EvaluationResult result = m.config().task() == Task.GENERATE
            ? Evaluator.evaluate(m, windows, training, samples, seed, new ProgressBar(err))
            : Evaluator.evaluateTask(m, windows, training, new ProgressBar(err));
        // the report is the evaluation's own JSON behind three lines of context, printed and stored whole
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        r.putAll(mapper.convertValue(result, new TypeReference<Map<String, Object>>() { }));
        if (json) {
            out.println(mapper.writeValueAsString(r));
        } else {
            r.forEach((k, v) -> out.printf("%-16s %s%n", k, v));
        }
        if (writeCard) {
            Path file = model != null ? model : Models.defaultModelPath();
            Map<String, Object> metrics = new java.util.LinkedHashMap<>(stored.card().metrics());
            Map<String, Object> saved = new java.util.LinkedHashMap<>(r);
            saved.remove("model");
            metrics.put("eval." + splitName, saved);
            ModelCard card = new ModelCard(name != null ? name : stored.card().name(),
                description != null ? description : stored.card().description(), stored.card().training(), metrics);
            ModelFile.save(file, new StoredModel(stored.config(), stored.weights(), card, stored.directions()));
            err.println("results stored in the card of " + file);
        }
        return 0;
    }

    private static final String ALL = "all";

    private static boolean sameFolder(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
