package org.polyhead.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.polyhead.UserError;
import org.polyhead.bench.BenchReport;
import org.polyhead.bench.BenchShape;
import org.polyhead.bench.BenchSides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code polyhead bench}: polyhead's training step, inference throughput and peak memory side by side with the same
 * model in PyTorch, each side in a fresh process, with the ratios written to {@code reports/bench/}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training step time, inference throughput and peak memory of polyhead vs PyTorch (same model, "
                + "batch, threads); writes reports/bench/results.json and README.md.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--sizes", defaultValue = "minilm,small", split = ",", paramLabel = "NAMES",
            description = "encoder shapes: minilm (6 layers, d=384, 12 heads, ff 1536), small (2, 128, 4, 512), tiny "
                    + "(a smoke test) (default: ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--batch", defaultValue = "32", description = "sequences per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seq", defaultValue = "128", description = "tokens per sequence (default: ${DEFAULT-VALUE})")
    int seq;

    @Option(names = "--reps", defaultValue = "5",
            description = "measured repetitions per number, after 2 warm-up ones; the median is reported (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--out", paramLabel = "DIR", description = "report folder (default: reports/bench)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || seq < 2 || seq > BenchShape.MAX_POSITIONS || reps < 1) {
            throw new UserError("--batch must be >= 1, --seq in [2, " + BenchShape.MAX_POSITIONS + "], --reps >= 1");
        }
        List<BenchShape> shapes = new ArrayList<>();
        for (String name : sizes) {
            shapes.add(switch (name.trim()) {
                case "minilm" -> BenchShape.miniLm(batch, seq, reps);
                case "small" -> BenchShape.small(batch, seq, reps);
                case "tiny" -> BenchShape.tiny(batch, seq, reps);
                default -> throw new UserError("--sizes: unknown size '" + name + "', expected minilm, small or tiny");
            });
        }
        int threads = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1"));
        Path home = Home.path();
        BenchSides sides = new BenchSides(home.resolve(".venv/bin/python"), home.resolve("python/bench_torch.py"), threads);
        String command = "OMP_NUM_THREADS=" + threads + " ./polyhead bench --sizes " + String.join(",", sizes)
                + " --batch " + batch + " --seq " + seq + " --reps " + reps;
        BenchReport report = new BenchReport(command, threads);
        Path dir = out != null ? out : home.resolve("reports/bench");
        int failed = 0;
        for (BenchShape s : shapes) {
            try {
                System.err.println("polyhead: bench " + s.name() + ": polyhead ...");
                ObjectNode polyhead = sides.polyhead(s);
                System.err.println("polyhead: bench " + s.name() + ": pytorch ...");
                ObjectNode pytorch = sides.pytorch(s);
                report.add(s, polyhead, pytorch);
            } catch (IllegalStateException e) { // a side that dies (e.g. killed for memory) is recorded, not fatal
                failed++;
                String reason = e.getMessage().lines().findFirst().orElse("failed");
                System.err.println("polyhead: bench " + s.name() + ": " + reason);
                report.failed(s, reason);
            }
            report.write(dir); // after every shape, so a later failure keeps what was measured
        }
        System.out.print(report.table());
        System.out.println("written: " + dir.resolve("results.json") + ", " + dir.resolve("README.md"));
        return 0;
    }
}
