package org.backbeat.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetOptions;
import org.backbeat.data.DatasetReport;
import org.backbeat.data.Split;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.StoredModel;
import org.backbeat.train.Trainer;
import org.backbeat.train.TrainingData;
import org.backbeat.train.TrainingOptions;
import org.backbeat.train.TrainingProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat train}: the same trainer the studio's wizard runs. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train (or fine-tune) a GrooVAE model on a folder of MIDI files or a Groove MIDI Dataset folder.",
        "Writes MODEL (the best model by validation loss) and MODEL.ckpt (to resume). Ctrl-C stops after the "
            + "current step and writes the checkpoint."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "folder of .mid files, or a GMD folder with info.csv")
    Path data;

    @Option(names = "--out", required = true, description = "model file to write (.bbm)")
    Path out;

    @Option(names = "--preset", description = "quick, standard or full (default ${DEFAULT-VALUE})")
    String preset = "standard";

    @Option(names = "--decoder", description = "flat or hierarchical (default ${DEFAULT-VALUE})")
    String decoder = "flat";

    @Option(names = "--size", description = "model size when training from scratch: small, default or paper "
        + "(groovae_4bar: encoder 512) (default ${DEFAULT-VALUE})")
    String size = "default";

    @Option(names = "--init-from", description = "fine-tune this model instead of starting from random weights")
    Path initFrom;

    @Option(names = "--resume", description = "continue from MODEL.ckpt with identical optimizer state")
    boolean resume;

    @Option(names = "--steps", description = "total steps (overrides the preset)")
    Long steps;

    @Option(names = "--epochs", description = "passes over the training windows (overrides the preset)")
    Double epochs;

    @Option(names = "--minutes", description = "stop after this many minutes of this run")
    Double minutes;

    @Option(names = "--batch", description = "windows per step")
    Integer batch;

    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--dropout-keep", description = "keep probability of the decoder input (1 = no dropout)")
    Double dropoutKeep;

    @Option(names = "--validate-every", description = "steps between validation passes")
    Integer validateEvery;

    @Option(names = "--validation-share", description = "share of files held out in a plain folder (default ${DEFAULT-VALUE})")
    double validationShare = 0.1;

    @Option(names = "--device", description = "cpu or gpu (default ${DEFAULT-VALUE})")
    String device = "cpu";

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        if (!device.equals("cpu")) {
            if (device.equals("gpu")) {
                err.println("backbeat train: this build runs ND4J on the CPU (nd4j-native). Build with "
                    + "'mvn -Pcuda package' for the NVIDIA GPU backend.");
            } else {
                err.println("backbeat train: --device must be cpu or gpu");
            }
            return 2;
        }
        DecoderType dec = switch (decoder) {
            case "flat" -> DecoderType.FLAT;
            case "hierarchical" -> DecoderType.HIERARCHICAL;
            default -> null;
        };
        if (dec == null) {
            err.println("backbeat train: --decoder must be flat or hierarchical");
            return 2;
        }
        TrainingOptions opts;
        try {
            opts = TrainingOptions.preset(preset, dec).withModel(size(dec)).withSeed(seed);
        } catch (IllegalArgumentException e) {
            err.println("backbeat train: " + e.getMessage());
            return 2;
        }
        StoredModel init = initFrom == null ? null : ModelFile.load(initFrom);
        ReadOptions read = ReadOptions.training().withMapping(init != null ? init.config().mapping() : opts.model().mapping());
        Dataset ds = Dataset.open(data, DatasetOptions.defaults().withRead(read).withValidationShare(validationShare),
            new ProgressBar(err));
        DatasetReport rep = ds.report();
        err.printf("data: %d files, %d skipped, windows %s%n", rep.files(), rep.skipped().size(), rep.windows());
        if (rep.windows().get(Split.TRAIN) == 0) {
            err.println("backbeat train: no training windows in " + data + " (see 'backbeat inspect " + data + "')");
            return 1;
        }
        if (batch != null) {
            opts = opts.withBatchSize(batch);
        }
        if (dropoutKeep != null) {
            opts = opts.withDropoutKeep(dropoutKeep);
        }
        if (validateEvery != null) {
            opts = opts.withValidateEvery(validateEvery);
        }
        long totalSteps = opts.maxSteps();
        if (epochs != null) {
            totalSteps = (long) Math.ceil(epochs * rep.windows().get(Split.TRAIN) / (double) opts.batchSize());
        }
        if (steps != null) {
            totalSteps = steps;
        }
        opts = opts.withBudget(minutes != null && steps == null && epochs == null ? 0 : totalSteps,
            minutes == null ? 0 : minutes);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("data", data.toAbsolutePath().normalize().toString());
        description.put("files", rep.files());
        description.put("windows", Map.of("train", rep.windows().get(Split.TRAIN), "validation",
            rep.windows().get(Split.VALIDATION)));
        description.put("split", rep.windows().get(Split.TEST) > 0 ? "info.csv train split; validation split for model selection"
            : "files held out by path hash: " + validationShare);
        description.put("preset", preset);
        if (initFrom != null) {
            description.put("initFrom", initFrom.toString());
        }
        Split valid = Split.VALIDATION;
        TrainingData td = new TrainingData(ds.tensors(Split.TRAIN), ds.tensors(valid), description);
        ModelConfig cfg = init != null ? init.config() : opts.model();
        err.printf("model: %s decoder, encoder %d, z %d, decoder %s%s; batch %d; %s%n", cfg.decoder().name().toLowerCase(),
            cfg.encoderSize(), cfg.zSize(), cfg.decoderSizes(), cfg.conductorSize() > 0 ? ", conductor " + cfg.conductorSize() : "",
            opts.batchSize(), opts.maxSteps() > 0 ? opts.maxSteps() + " steps" : opts.maxMinutes() + " minutes");
        Trainer trainer = new Trainer(opts, td, out, p -> print(err, p));
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            trainer.cancel();
            try {
                finished.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Trainer.Result r = trainer.run(init, resume);
            outw.printf("%s after %d steps (%.1f min): best validation loss %.3f -> %s (checkpoint %s)%n",
                r.cancelled() ? "Stopped" : "Finished", r.steps(), r.seconds() / 60, r.bestValidationLoss(), r.model(),
                r.checkpoint());
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private ModelConfig size(DecoderType dec) {
        ModelConfig def = TrainingOptions.defaultModel(dec);
        return switch (size) {
            case "default" -> def;
            case "paper" -> dec == DecoderType.FLAT ? ModelConfig.groovae4Bar() : ModelConfig.hierarchical4Bar();
            case "small" -> new ModelConfig(64, 32, dec, dec == DecoderType.FLAT ? java.util.List.of(64, 64) : java.util.List.of(64),
                dec == DecoderType.FLAT ? 0 : 64, def.mapping());
            default -> throw new IllegalArgumentException("unknown --size '" + size + "' (small, default, paper)");
        };
    }

    private static void print(PrintWriter err, TrainingProgress p) {
        if (!p.message().isEmpty()) {
            err.printf("%s at step %d; best validation loss %.3f%n", p.message(), p.step(), p.bestValidationLoss());
            return;
        }
        double f = p.totalSteps() > 0 ? (double) p.step() / p.totalSteps() : 0;
        String eta = Double.isNaN(p.etaSeconds()) ? "" : " ETA " + ProgressBar.duration(p.etaSeconds());
        err.printf("step %d/%d (%3.0f%%) ep %d  loss %.2f = hits %.2f + vel %.2f + off %.2f | kl %.1f beta %.3f lr %.2e"
                + "  %.1f ex/s%s%s%n", p.step(), p.totalSteps(), f * 100, p.epoch(), p.loss(), p.hitLoss(), p.velocityLoss(),
            p.offsetLoss(), p.kl(), p.beta(), p.learningRate(), p.examplesPerSecond(), eta,
            Double.isNaN(p.validationLoss()) ? "" : String.format("  val %.3f (best %.3f)", p.validationLoss(), p.bestValidationLoss()));
        err.flush();
    }
}
