package org.backbeat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.backbeat.model.StreamProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backbeat bench-stream}: the memory bound of a single decode's or encode's steps. */
@Command(name = "bench-stream", mixinStandardHelpOptions = true,
    description = {"Stream a K x N float matrix (default 512 x 2048 = 4 MB: one direction of the paper-size "
        + "encoder's recurrent weights, read once per step) on 1 and 2 threads, each thread its own matrix: a plain "
        + "read and the model's own kernel at batch 1. GB/s, median and best of the passes.",
        "A single decode or encode is such a product per step; where the kernel reads as fast as the plain read, "
        + "bytes, not arithmetic, bound it."})
public final class StreamBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", description = "K (default ${DEFAULT-VALUE})")
    int rows = 512;

    @Option(names = "--columns", description = "N (default ${DEFAULT-VALUE})")
    int columns = 2048;

    @Option(names = "--passes", description = "timed passes per figure (default ${DEFAULT-VALUE})")
    int passes = 200;

    @Override
    public Integer call() throws Exception {
        Usage.range(spec, "--rows", rows, 1, 8192);
        Usage.range(spec, "--columns", columns, 1, 32768);
        Usage.range(spec, "--passes", passes, 1, 100_000);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d x %d floats = %.1f MB per thread%n", rows, columns, 4.0 * rows * columns / 1e6);
        out.printf("%-34s %7s %12s %10s%n", "", "threads", "median GB/s", "best GB/s");
        for (StreamProbe.Rate r : StreamProbe.run(rows, columns, passes)) {
            out.printf("%-34s %7d %12.1f %10.1f%n", r.what(), r.threads(), r.medianGBs(), r.bestGBs());
        }
        return 0;
    }
}
