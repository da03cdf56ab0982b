package org.polyhead.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.polyhead.UserError;
import org.polyhead.bench.BenchReport;
import org.polyhead.bench.BenchRounds;
import org.polyhead.bench.BenchShape;
import org.polyhead.bench.BenchSides;
import org.polyhead.bench.SweepBench;
import org.polyhead.bench.SweepBenchReport;
import org.polyhead.bench.TrialShape;
import org.polyhead.bench.TrialSplit;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.TaskData;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code polyhead bench}: polyhead's training step, inference throughput and peak memory side by side with the same
 * model in PyTorch, each side in a fresh process, with the ratios written to {@code reports/bench/}. With
 * {@code --sweep}, a sweep on Spark against the same sweep in-process instead ({@link SweepBench}); the launcher runs
 * that with the spark module's class path, where {@code TrialExecutor.open} finds Spark.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Training step time, inference throughput and peak memory of polyhead vs PyTorch (same model, "
                + "batch, threads); writes reports/bench/results.json and README.md.",
                "With --sweep: the wall time of a 4-trial quickstart sweep at --parallel N on Spark vs one trial "
                        + "after another, and both sweeps' per-trial metrics (equal); writes reports/bench/sweep/."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--sweep", description = "measure a sweep on Spark instead (" + SweepBench.SPEC + ", 4 trials)")
    boolean sweep;

    @Option(names = "--parallel", defaultValue = "2", paramLabel = "N",
            description = "with --sweep: trials at once on polyhead's own Spark cluster (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "with --sweep: override a key of the measured "
            + "spec (e.g. training.epochs=1 to try the command quickly); recorded in the report")
    List<String> sets = new ArrayList<>();

    @Option(names = "--sizes", defaultValue = "minilm,small,trial", split = ",", paramLabel = "NAMES",
            description = "encoder shapes: minilm (6 layers, d=384, 12 heads, ff 1536), small (2, 128, 4, 512), tiny "
                    + "(a smoke test); and trial, the fine-tuning trial of --trial-spec (default: ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--trial", description = "the fine-tuning trial only (--sizes trial): a spec's pretrained "
            + "encoder, data and split trained and validated on both sides, PyTorch with HuggingFace's BertModel")
    boolean trialOnly;

    @Option(names = "--trial-spec", paramLabel = "FILE", defaultValue = "experiments/bench/trial.yaml",
            description = "the trial's spec, relative to the project (default: ${DEFAULT-VALUE})")
    Path trialSpec;

    @Option(names = "--trial-steps", defaultValue = "20", paramLabel = "N",
            description = "measured training steps of the trial per process, after --warmup ones; then its "
                    + "validation part once unmeasured and twice measured (default: ${DEFAULT-VALUE})")
    int trialSteps;

    @Option(names = "--batch", defaultValue = "32", description = "sequences per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seq", defaultValue = "128", description = "tokens per sequence (default: ${DEFAULT-VALUE})")
    int seq;

    @Option(names = "--reps", defaultValue = "5",
            description = "measured repetitions per number and round (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--warmup", defaultValue = "10",
            description = "unmeasured repetitions first, in every process: enough for the JVM's JIT to settle "
                    + "(default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--rounds", defaultValue = "2",
            description = "rounds per shape, each running both sides in fresh processes, alternately; the medians "
                    + "are over every measured repetition of every round (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--out", paramLabel = "DIR",
            description = "report folder (default: reports/bench; with --sweep, reports/bench/sweep)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (sweep) {
            return sweepBench();
        }
        if (batch < 1 || seq < 2 || seq > BenchShape.MAX_POSITIONS || reps < 1 || warmup < 0 || rounds < 1) {
            throw new UserError("--batch must be >= 1, --seq in [2, " + BenchShape.MAX_POSITIONS + "], --reps >= 1, "
                    + "--warmup >= 0, --rounds >= 1");
        }
        if (trialOnly) {
            sizes = List.of("trial");
        }
        if (trialSteps < 1) {
            throw new UserError("--trial-steps must be >= 1, got " + trialSteps);
        }
        List<BenchShape> shapes = new ArrayList<>();
        boolean trial = false;
        for (String name : sizes) {
            if (name.trim().equals("trial")) {
                trial = true;
                continue;
            }
            shapes.add(switch (name.trim()) {
                case "minilm" -> BenchShape.miniLm(batch, seq, reps, warmup);
                case "small" -> BenchShape.small(batch, seq, reps, warmup);
                case "tiny" -> BenchShape.tiny(batch, seq, reps, warmup);
                default -> throw new UserError("--sizes: unknown size '" + name + "', expected minilm, small, tiny "
                        + "or trial");
            });
        }
        int threads = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1"));
        Path home = Home.path();
        String device = BenchSides.device();
        BenchSides sides = new BenchSides(home.resolve(".venv/bin/python"), home.resolve("python/bench_torch.py"),
                threads, device);
        String command = "OMP_NUM_THREADS=" + threads + " ./polyhead bench --sizes " + String.join(",", sizes)
                + " --batch " + batch + " --seq " + seq + " --reps " + reps + " --warmup " + warmup
                + " --rounds " + rounds + (trial ? " --trial-spec " + trialSpec + " --trial-steps " + trialSteps : "");
        BenchReport report = new BenchReport(command, threads, device);
        Path dir = out != null ? out : home.resolve("reports/bench");
        for (BenchShape s : shapes) {
            Map<String, List<ObjectNode>> measured = new LinkedHashMap<>();
            Map<String, String> errors = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                String of = " (round " + round + "/" + rounds + ")";
                side(s.name(), "polyhead", of, () -> sides.polyhead(s), measured, errors);
                side(s.name(), "pytorch", of, () -> sides.pytorch(s), measured, errors);
            }
            Map<String, ObjectNode> done = new LinkedHashMap<>();
            measured.forEach((side, results) -> done.put(side, BenchRounds.merge(results, s)));
            if (errors.isEmpty()) {
                report.add(s, done.get("polyhead"), done.get("pytorch"));
            } else {
                report.failed(s, errors, done);
            }
            report.write(dir); // after every shape, so a later failure keeps what was measured
        }
        if (trial) {
            trial(home, sides, report, dir);
        }
        System.out.print((shapes.isEmpty() ? "" : report.table()) + report.trialTable());
        System.out.println("written: " + dir.resolve("results.json") + ", " + dir.resolve("README.md"));
        return 0;
    }

    /**
     * The fine-tuning trial: its data prepared here once and written as the split file PyTorch's side reads
     * ({@link TrialSplit}), then both sides for every round, each in a fresh process.
     */
    private void trial(Path home, BenchSides sides, BenchReport report, Path dir) throws Exception {
        TrialShape t = new TrialShape("trial", trialSpec.toString(), warmup, trialSteps, 2);
        SpecLoader.Resolved resolved = SpecLoader.load(home.resolve(trialSpec), List.of());
        System.err.println("polyhead: bench trial: preparing " + resolved.spec().data().name() + " ...");
        Path split = Files.createDirectories(Home.work().resolve("bench")).resolve("trial-split.jsonl");
        TrialSplit.write(split, resolved.spec(), TaskData.prepare(resolved, home, Home.work()));
        Map<String, List<ObjectNode>> measured = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            String of = " (round " + round + "/" + rounds + ")";
            side("trial", "polyhead", of, () -> sides.polyhead(t), measured, errors);
            side("trial", "pytorch", of, () -> sides.pytorch(t, split), measured, errors);
        }
        Map<String, ObjectNode> done = new LinkedHashMap<>();
        measured.forEach((side, results) -> done.put(side, BenchRounds.mergeTrial(results)));
        if (errors.isEmpty()) {
            report.addTrial(t, done.get("polyhead"), done.get("pytorch"));
        } else {
            report.failedTrial(t, errors, done);
        }
        report.write(dir);
    }

    /** {@code bench --sweep}: the sweep in-process, then on Spark; exits 1 when their metrics differ. */
    private int sweepBench() throws Exception {
        if (parallel < 2) {
            throw new UserError("--parallel: must be at least 2 with --sweep, got " + parallel);
        }
        Path home = Home.path();
        Path dir = out != null ? out : home.resolve("reports/bench/sweep");
        SweepBenchReport report;
        try (MlflowTracker tracker = Trackers.fromEnvironment(home)) {
            String command = "./polyhead bench --sweep --parallel " + parallel
                    + sets.stream().map(s -> " --set " + s).collect(Collectors.joining());
            report = new SweepBench(home, tracker, r -> TaskData.prepare(r, home, Home.work()), Home.work())
                    .measure(parallel, sets, command);
        }
        report.write(dir);
        System.out.print(report.table());
        System.out.println("written: " + dir.resolve("results.json") + ", " + dir.resolve("README.md"));
        if (!report.metricsEqual()) {
            System.err.println("polyhead: the sweeps' metrics differ: " + report.equalByTrial());
            return 1;
        }
        return 0;
    }

    /**
     * Runs one round of one side; a side that dies (killed for memory, a backend that cannot start on this GPU) is recorded in the
     * report with its first line of error, not fatal, and the other side still runs.
     */
    private static void side(String name, String side, String round, Callable<ObjectNode> run,
                             Map<String, List<ObjectNode>> measured, Map<String, String> errors) throws Exception {
        if (errors.containsKey(side)) { // failed in an earlier round: not tried again
            return;
        }
        System.err.println("polyhead: bench " + name + ": " + side + round + " ...");
        try {
            ObjectNode result = run.call();
            measured.computeIfAbsent(side, k -> new ArrayList<>()).add(result);
        } catch (IllegalStateException e) {
            String reason = e.getMessage().lines().findFirst().orElse("failed");
            System.err.println("polyhead: bench " + name + ": " + reason);
            errors.put(side, reason);
        }
    }
}
