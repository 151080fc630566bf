package org.backbeat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetOptions;
import org.backbeat.data.Split;
import org.backbeat.groove.Groove;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.Models;
import org.backbeat.train.Evaluator;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelFile;
import org.backbeat.model.StoredModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat eval}: the model card's numbers, reproducibly. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a model on 4-bar windows (hop 4 bars) of a split: reconstruction (step accuracy, hit "
        + "precision/recall/F1, velocity and offset error on true hits), negative ELBO and KL, prior-sample "
        + "statistics against the data (overlapping area), and baselines.")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", description = "model file (default: the shipped model)")
    Path model;

    @Option(names = "--data", required = true, description = "GMD folder with info.csv, or a folder of .mid files")
    Path data;

    @Option(names = "--split", description = "train, validation or test (default ${DEFAULT-VALUE})")
    String split = "test";

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
        Usage.oneOf(spec, "--split", split, "train", "validation", "test");
        Usage.range(spec, "--samples", samples, 0, Usage.MAX_SAMPLE_COUNT);
        Split s = Split.valueOf(split.toUpperCase());
        FastGrooveModel m = Models.open(model);
        Dataset ds = Dataset.open(data, DatasetOptions.defaults().withRead(ReadOptions.training().withMapping(m.config().mapping()))
            .withMinHits(1), new ProgressBar(err));
        List<Groove> windows = ds.windows(s);
        if (windows.isEmpty() && s == Split.TEST) {
            err.println("(no test split in " + data + "; using validation)");
            s = Split.VALIDATION;
            windows = ds.windows(s);
        }
        if (windows.isEmpty()) {
            err.println("backbeat eval: no " + s.name().toLowerCase() + " windows in " + data);
            return 1;
        }
        List<Groove> training = noBaseline ? List.of() : ds.windows(Split.TRAIN);
        Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("model", model == null ? "shipped" : model.toString());
        r.put("split", s.name().toLowerCase());
        r.putAll(Evaluator.evaluate(m, windows, training, samples, seed, new ProgressBar(err)));
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
        } else {
            r.forEach((k, v) -> out.printf("%-16s %s%n", k, v));
        }
        if (writeCard) {
            Path file = model != null ? model : Models.defaultModelPath();
            StoredModel stored = ModelFile.load(file);
            Map<String, Object> metrics = new java.util.LinkedHashMap<>(stored.card().metrics());
            Map<String, Object> saved = new java.util.LinkedHashMap<>(r);
            saved.remove("model");
            metrics.put("eval." + s.name().toLowerCase(), saved);
            ModelCard card = new ModelCard(name != null ? name : stored.card().name(),
                description != null ? description : stored.card().description(), stored.card().training(), metrics);
            ModelFile.save(file, new StoredModel(stored.config(), stored.weights(), card, stored.directions()));
            err.println("results stored in the card of " + file);
        }
        return 0;
    }
}
