package org.backbeat.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.backbeat.data.DatasetReport;
import org.backbeat.groove.Groove;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.Regression;
import org.backbeat.model.Task;
import org.backbeat.train.Augmentation;
import org.backbeat.train.Engine;
import org.backbeat.train.Trainer;
import org.backbeat.train.TrainingException;
import org.backbeat.train.ModelSize;
import org.backbeat.train.Preset;
import org.backbeat.train.TrainingJob;
import org.backbeat.train.TrainingOptions;
import org.backbeat.train.TrainingProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat train}: the same trainer the studio's wizard runs. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train (or fine-tune) a GrooVAE model on a folder of MIDI files or a Groove MIDI Dataset folder.",
        "Writes MODEL (the best model by validation loss; a moving average of the weights unless --weight-average 0) "
            + "and MODEL.ckpt (to resume). Ctrl-C stops after the "
            + "current step and writes the checkpoint."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "folder of .mid files, or a GMD folder with info.csv")
    Path data;

    @Option(names = "--out", required = true, description = "model file to write (.bbm)")
    Path out;

    @Option(names = "--preset", description = "quick, standard, full, or groovae_4bar: Magenta's recipe of that name "
        + "(batch 512, Adam 1e-3 decaying 0.9999 a step to 1e-5, beta 0.2 from step 1, 48 free bits, dropout keep 0.3, "
        + "200,000 steps, paper size: encoder 512, z 256; no weight average) (default ${DEFAULT-VALUE})",
        converter = Usage.PresetName.class, defaultValue = "standard")
    Preset preset;

    @Option(names = "--decoder", description = "flat or hierarchical (default ${DEFAULT-VALUE})",
        converter = Usage.DecoderName.class, defaultValue = "flat")
    DecoderType decoder;

    @Option(names = "--size", description = "model size when training from scratch: small, default or paper "
        + "(groovae_4bar: encoder 512) (default: the preset's, paper for groovae_4bar, default for the others)",
        converter = Usage.TrainableSize.class)
    ModelSize size;

    @Option(names = "--hop", paramLabel = "BARS", description = "bars between the starts of two training windows: 1 "
        + "= a window at every bar (default), 4 = non-overlapping, as Magenta's GrooveConverter cuts a whole file "
        + "(validation windows never overlap)")
    int hop = 1;

    @Option(names = "--other-drum-channel", description = "a file with nothing on MIDI channel 10 is read from the "
        + "channel whose notes look like a drum clip (many DAWs export drum clips on channel 1); default: channel 10 only")
    boolean otherDrumChannel;

    @Option(names = "--init-from", description = "fine-tune this model instead of starting from random weights (with "
        + "learning rate 3e-5, the KL weight at its maximum from the first step and the model's own dropout)")
    Path initFrom;

    @Option(names = "--task", description = "generate (default; the encoder sees the groove), humanize (the encoder "
        + "sees only the hits: Magenta Studio's Groove) or drumify (the encoder sees one channel of taps: tap2drum); "
        + "the decoder always learns the full groove. With --init-from: the init model's task unless given "
        + "(--init-from models/default.bbm --task humanize fine-tunes the generate model into a humanize one)")
    String task;

    @Option(names = "--resume", description = "continue from MODEL.ckpt with identical optimizer state, batch, schedule, dropout, "
        + "augmentation and weight average (--batch, --dropout-keep, --[no-]augment, --weight-average and "
        + "--learning-rate given again override them)")
    boolean resume;

    @Option(names = "--overwrite", description = "replace an existing MODEL and its checkpoint (without it, and "
        + "without --resume, an existing MODEL stops the command before it reads any data)")
    boolean overwrite;

    @Option(names = "--steps", description = "total steps (overrides the preset, 1 to 1,000,000,000)")
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

    @Option(names = "--augment", negatable = true, description = "augment the training windows: velocities scaled "
        + "by up to ±20%% per window, hi-hat hits dropped with probability 0.1 (default: off; a resume keeps the run's)")
    Boolean augment;

    @Option(names = "--weight-average", paramLabel = "DECAY", description = "validate and save a moving average of the "
        + "weights with this decay per step (default: the preset's, " + TrainingOptions.DEFAULT_WEIGHT_AVERAGE
        + "; 0 = the last step's weights; a resume keeps the run's)")
    Double weightAverage;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam's initial learning rate (default: the "
        + "preset's, 1e-3, decaying to 1e-5; with --init-from 3e-5; a resume keeps the run's)")
    Double learningRate;

    @Option(names = "--validate-every", description = "steps between validation passes")
    Integer validateEvery;

    @Option(names = "--validation-share", description = "share of files held out in a plain folder (default ${DEFAULT-VALUE})")
    double validationShare = 0.1;

    @Option(names = "--engine", description = "backprop (the hand-derived engine on both cores, default) or samediff "
        + "(the SameDiff graph the tests compare it with; the GPU path of a -Pcuda build)")
    String engine = "backprop";

    @Option(names = "--device", description = "cpu or gpu (default ${DEFAULT-VALUE})")
    String device = "cpu";

    @Override
    public Integer call() throws Exception {
        checkValues();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        if (!device.equals("cpu")) {
            if (device.equals("gpu")) {
                err.println("backbeat train: this build runs ND4J on the CPU (nd4j-native). Build with "
                    + "'mvn -Pcuda package' for the NVIDIA GPU backend.");
            }
            return 2;
        }
        Engine engineKind = switch (engine) {
            case "backprop" -> Engine.BACKPROP;
            case "samediff" -> Engine.SAMEDIFF;
            default -> null;
        };
        if (engineKind == null) {
            err.println("backbeat train: --engine must be backprop or samediff");
            return 2;
        }
        TrainingJob.Plan plan = new TrainingJob.Plan(data, out, preset, decoder,
            size, initFrom, resume, validationShare,
            seed, new TrainingJob.Budget(steps, epochs, minutes), new TrainingJob.Overrides(batch, dropoutKeep,
                validateEvery, augment == null ? null : augment ? Augmentation.DEFAULT : Augmentation.NONE,
                weightAverage, learningRate), hop, overwrite, otherDrumChannel, task == null ? null : Task.parse(task));
        TrainingJob job;
        try {
            job = TrainingJob.prepare(plan, new ProgressBar(err));
        } catch (TrainingException e) {
            err.println("backbeat train: " + e.getMessage());
            return 1;
        }
        DatasetReport rep = job.report();
        err.printf("data: %d files, %d skipped, windows %s%n", rep.files(), rep.skipped().size(), rep.windows());
        if (!job.notice().isEmpty()) {
            err.println("note: " + job.notice());
        }
        TrainingOptions opts = job.options();
        ModelConfig cfg = job.config();
        err.printf("model: %s%s, %s decoder, encoder %d, z %d, decoder %s%s; batch %d, %s, dropout keep %s, augmentation %s, "
                + "weight average %s%s; %s%n",
            cfg.task().label(), cfg.regression() == Regression.AT_HITS ? " (velocities and offsets fitted at the hits)" : "",
            cfg.decoder().label(), cfg.encoderSize(), cfg.zSize(), cfg.decoderSizes(),
            cfg.conductorSize() > 0 ? ", conductor " + cfg.conductorSize() : "", opts.batchSize(),
            opts.betaWarmupSteps() > 0 ? "beta rising to " + opts.maxBeta() + " over " + opts.betaWarmupSteps() + " steps"
                : "beta " + opts.maxBeta() + " from step 1", opts.dropoutKeep(),
            opts.augmentation().describe(), opts.weightAverageDecay() > 0 ? opts.weightAverageDecay() : "off",
            resume ? "; resuming " + Trainer.checkpointPath(out).getFileName()
                : initFrom != null ? "; fine-tuning " + initFrom.getFileName() + ", learning rate "
                    + String.format("%.1e", opts.learningRate()) : "",
            opts.maxSteps() > 0 ? opts.maxSteps() + " steps" : opts.maxMinutes() + " minutes");
        err.printf("engine: %s%n", engineKind == Engine.BACKPROP
            ? "backprop (hand-derived), " + Runtime.getRuntime().availableProcessors() + " workers"
            : "samediff (the reference graph, one core)");
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            job.cancel();
            try {
                finished.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            LineThrottle throttle = LineThrottle.forStderr();
            Trainer.Result r = job.run(p -> print(err, p, throttle), engineKind);
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

    /** Every value in its range before any data is read: a bad one is a usage error (exit 2). */
    private void checkValues() {
        if (task != null) {
            Usage.oneOf(spec, "--task", task, "generate", "humanize", "drumify");
        }
        if (steps != null) {
            Usage.range(spec, "--steps", steps, 1, Usage.MAX_STEPS);
        }
        if (epochs != null) {
            Usage.range(spec, "--epochs", epochs, 0, false, Usage.MAX_EPOCHS, true);
        }
        if (minutes != null) {
            Usage.range(spec, "--minutes", minutes, 0, false, Usage.MAX_MINUTES, true);
        }
        if (batch != null) {
            Usage.range(spec, "--batch", batch, 1, Usage.MAX_BATCH);
        }
        if (dropoutKeep != null) {
            Usage.range(spec, "--dropout-keep", dropoutKeep, 0, false, 1, true);
        }
        if (weightAverage != null) {
            Usage.range(spec, "--weight-average", weightAverage, 0, true, 1, false);
        }
        if (learningRate != null) {
            Usage.range(spec, "--learning-rate", learningRate, 0, false, 1, true);
        }
        if (validateEvery != null) {
            Usage.range(spec, "--validate-every", validateEvery, 1, Usage.MAX_STEPS);
        }
        Usage.range(spec, "--validation-share", validationShare, 0, true, 0.9, true);
        Usage.oneOf(spec, "--device", device, "cpu", "gpu");
        Usage.oneOf(spec, "--engine", engine, "backprop", "samediff");
        Usage.range(spec, "--hop", hop, 1, Groove.BARS);
    }


    /**
     * One progress line; step lines (every 10 steps) are thinned to one every few seconds when stderr is
     * not a terminal (see {@link LineThrottle}); messages (checkpoint, finished), validation results and
     * the last step always print.
     */
    static void print(PrintWriter err, TrainingProgress p, LineThrottle throttle) {
        boolean always = !p.message().isEmpty() || !Double.isNaN(p.validationLoss())
            || (p.hasStepBudget() && p.step() >= p.totalSteps());
        if (!throttle.due(always)) {
            return;
        }
        if (!p.message().isEmpty()) {
            // the last validation too: one step moves it by ~0.5 nats, so "best" alone flatters the run
            String last = Double.isNaN(p.validationLoss()) ? "" : String.format("validation loss %.3f, ", p.validationLoss());
            err.printf("%s at step %d; %sbest validation loss %.3f%n", p.message(), p.step(), last, p.bestValidationLoss());
            err.flush();
            return;
        }
        double f = p.fractionDone();
        String steps = p.hasStepBudget() ? p.step() + "/" + p.totalSteps() : String.valueOf(p.step());
        String eta = Double.isNaN(p.etaSeconds()) ? "" : " ETA " + ProgressBar.duration(p.etaSeconds());
        err.printf("step %s (%3.0f%%) ep %d  loss %.2f = hits %.2f + vel %.2f + off %.2f | kl %.1f beta %.3f lr %.2e"
                + "  %.1f ex/s%s%s%n", steps, f * 100, p.epoch(), p.loss(), p.hitLoss(), p.velocityLoss(),
            p.offsetLoss(), p.kl(), p.beta(), p.learningRate(), p.examplesPerSecond(), eta,
            Double.isNaN(p.validationLoss()) ? "" : String.format("  val %.3f (best %.3f)", p.validationLoss(), p.bestValidationLoss()));
        err.flush();
    }
}
