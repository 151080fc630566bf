package org.backbeat.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetOptions;
import org.backbeat.data.Split;
import org.backbeat.groove.Groove;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.LatentDirection;
import org.backbeat.model.ModelFile;
import org.backbeat.train.LatentAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat directions}: (re)computes a model's latent sliders from its training data. */
@Command(name = "directions", mixinStandardHelpOptions = true,
    description = "Compute the studio's latent sliders (attribute vectors such as Busier, Louder, More hi-hat, "
        + "Laid-back, and principal components) from the training windows of a dataset, and store them in the model "
        + "file. 'backbeat train' does this at the end of every run.")
public final class DirectionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "model file to update (written atomically)")
    Path model;

    @Option(names = "--data", required = true, description = "the folder the model was trained on")
    Path data;

    @Option(names = "--seed", description = "seed of the window sample (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var mapping = ModelFile.load(model).config().mapping();
        Dataset ds = Dataset.open(data, DatasetOptions.defaults().withRead(ReadOptions.training().withMapping(mapping)),
            new ProgressBar(err));
        List<Groove> windows = ds.windows(Split.TRAIN);
        if (windows.isEmpty()) {
            err.println("backbeat directions: no training windows in " + data);
            return 1;
        }
        long t0 = System.nanoTime();
        List<LatentDirection> dirs = LatentAnalysis.addTo(model, windows, seed);
        out.printf("%d directions from %d windows in %.1f s -> %s%n", dirs.size(), Math.min(windows.size(), 4000),
            (System.nanoTime() - t0) / 1e9, model);
        for (LatentDirection d : dirs) {
            out.printf("  %-22s spread %.3f  %s%n", d.name(), d.scale(), d.description());
        }
        return 0;
    }
}
