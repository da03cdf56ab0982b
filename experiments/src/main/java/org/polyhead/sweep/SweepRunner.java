package org.polyhead.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.polyhead.UserError;
import org.polyhead.baseline.BaselineRunner;
import org.polyhead.mlflow.ModelArtifacts;
import org.polyhead.mlflow.RunDatasets;
import org.polyhead.mlflow.UiLinks;
import me.tongfei.progressbar.ProgressBar;
import org.polyhead.provenance.Provenance;
import org.polyhead.run.Progress;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.spec.SpecPrinter;
import org.polyhead.task.PreparedData;
import org.polyhead.track.Metrics;
import org.polyhead.track.RunInfo;
import org.polyhead.track.RunStatus;
import org.polyhead.track.Tags;
import org.polyhead.track.TrackedRun;
import org.polyhead.track.Tracker;
import org.polyhead.track.TrackingUnavailable;

/**
 * Runs a spec's trials under one parent run (tag {@code polyhead.sweep=parent}), one child run per trial
 * ({@code mlflow.parentRunId}). Data is prepared once per distinct data configuration. A failing trial is recorded as
 * FAILED with its reason and the sweep goes on.
 */
public final class SweepRunner {
    private final Tracker tracker;
    private final Function<SpecLoader.Resolved, PreparedData> prepare;
    private final Path workDir;
    private final Map<String, PreparedData> prepared = new HashMap<>();

    private final boolean resume;
    private TrialExecutor executor;

    public SweepRunner(Tracker tracker, Function<SpecLoader.Resolved, PreparedData> prepare, Path workDir) {
        this(tracker, prepare, workDir, false);
    }

    /**
     * @param resume skip trials whose config hash already has a FINISHED run, continue unfinished ones from their last
     *               checkpoint in their own run, and reuse the newest unfinished parent of the same spec (else the
     *               newest finished one)
     */
    public SweepRunner(Tracker tracker, Function<SpecLoader.Resolved, PreparedData> prepare, Path workDir,
                       boolean resume) {
        this.resume = resume;
        this.tracker = tracker;
        this.prepare = prepare;
        this.workDir = workDir;
    }

    /** Trains the trials through {@code executor} (several at once) instead of one after another in this process. */
    public SweepRunner on(TrialExecutor executor) {
        this.executor = executor;
        return this;
    }

    /**
     * The sweep's parent run id and each trial's result, in plan order.
     *
     * @param link the parent run's page in the MLflow UI
     */
    public record Outcome(String parentRunId, String experiment, List<TrialRunner.Result> results, String link) {}

    public Outcome run(SpecLoader.Resolved base) {
        String experiment = experimentOf(base);
        List<Trial> trials = SweepPlan.trials(base.spec().sweep());
        Map<String, String> tags = Provenance.of(base).tags();
        tags.put(Tags.SWEEP, Tags.PARENT);
        tags.put(Tags.TRIALS, Integer.toString(trials.size()));
        List<SpecLoader.Resolved> specs = SweepCheck.resolve(base, trials, this::prepared, new TrialRunner(workDir));
        TrackedRun parent = resume ? earlier(experiment, base.hash(), Tags.PARENT) : null;
        if (parent == null) {
            parent = tracker.startRun(experiment, base.spec().name() + " sweep", null, tags);
            parent.logParams(base.params());
        }
        List<TrialRunner.Result> results;
        try {
            results = runTrials(experiment, base.spec().name(), trials, specs, parent.runId());
            new BaselineRunner(tracker, workDir).run(experiment,
                    trials.stream().map(t -> base.with(t.overrides())).toList(), this::prepared, parent.runId());
            logBestModel(base, results);
            parent.logMetrics(SweepSummary.best(results), 0);
        } catch (RuntimeException e) {
            parent.fail(e);
            throw e;
        }
        boolean allFailed = !results.isEmpty() && results.stream().allMatch(r -> r.status() == RunStatus.FAILED);
        parent.end(allFailed ? RunStatus.FAILED : RunStatus.FINISHED);
        return new Outcome(parent.runId(), experiment, results,
                UiLinks.run(tracker.uri(), parent.experimentId(), parent.runId()));
    }

    /**
     * The trials, each under the parent run, in plan order (or through the executor, several at once); a failing
     * trial is recorded and the others run.
     */
    private List<TrialRunner.Result> runTrials(String experiment, String name, List<Trial> trials,
                                               List<SpecLoader.Resolved> specs, String parentId) {
        try (ProgressBar bar = Progress.bar("sweep " + name, trials.size())) {
            IntFunction<TrialRunner.Result> one = i -> {
                Trial trial = trials.get(i);
                System.err.printf("polyhead: trial %d/%d: %s%n", i + 1, trials.size(), trial.name());
                TrialRunner.Result result = untracked(trial, () -> runTrial(experiment, specs.get(i), trial, parentId));
                bar.step();
                return result;
            };
            return executor == null ? inOrder(trials.size(), one)
                    : ParallelTrials.run(trials.size(), one, executor.parallelism());
        }
    }

    private static List<TrialRunner.Result> inOrder(int n, IntFunction<TrialRunner.Result> one) {
        List<TrialRunner.Result> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(one.apply(i));
            System.gc();  // SameDiff's native memory is freed only by the garbage collector
        }
        return results;
    }

    /** One top-level run of the spec as written (no parent, tag {@code polyhead.sweep=single}). */
    public TrialRunner.Result runOne(SpecLoader.Resolved spec) {
        TrialRunner.Result result = runTrial(experimentOf(spec), spec, new Trial(java.util.Map.of()), null);
        logBestModel(spec, List.of(result));
        return result;
    }
    /**
     * {@code tracking.log_model: best}: the model of the best FINISHED trial (by {@link ModelArtifacts#rankingMetric})
     * goes to its run's {@code model/} folder; a single run's always does. ({@code all} is logged by each trial.)
     */
    private void logBestModel(SpecLoader.Resolved spec, List<TrialRunner.Result> results) {
        if (!spec.spec().tracking().logModel().equals("best") || spec.spec().training().checkpoint()) {
            return;
        }
        List<TrialRunner.Result> done = results.stream().filter(r -> r.status() == RunStatus.FINISHED)
                .filter(r -> Files.isDirectory(runDir(r.runId()).resolve(ModelArtifacts.DIR))).toList();
        List<Map<String, Double>> metrics = done.stream().map(TrialRunner.Result::metrics).toList();
        Optional<Integer> best = done.size() == 1 ? Optional.of(0)
                : ModelArtifacts.rankingMetric(spec.spec().training().earlyStopping(), metrics)
                        .flatMap(m -> ModelArtifacts.best(m, metrics));
        best.map(done::get).ifPresent(r -> {
            Path model = runDir(r.runId()).resolve(ModelArtifacts.DIR);
            TrackedRun run;
            try {
                run = tracker.reopen(r.runId());
            } catch (TrackingUnavailable e) {  // the server is away: the sweep's results stand, the model waits on disk
                System.err.println("polyhead: the best model (run " + r.runId() + ") was not logged: "
                        + e.getMessage() + "; it is kept in " + model);
                return;
            }
            try {
                ModelArtifacts.log(run, model);
                run.setTag(Tags.MODEL_LOGGED, "best");
            } finally {
                run.end(RunStatus.FINISHED);  // the trial finished; a model that could not be logged does not undo it
            }
        });
    }

    /** Where a trial's artifacts and model lie: this process's work folder, or the executor's (shared storage). */
    private Path runDir(String runId) {
        return executor == null ? workDir.resolve(runId) : executor.runDir(runId);
    }

    private synchronized PreparedData prepared(SpecLoader.Resolved resolved) {
        return prepared.computeIfAbsent(Provenance.dataKey(resolved), k -> prepare.apply(resolved));
    }

    private TrialRunner.Result runTrial(String experiment, SpecLoader.Resolved resolved, Trial trial, String parentId) {
        if (executor == null) {
            try (TrialLock lock = TrialLock.acquire(new TrialRunner(workDir).checkpointOf(resolved), trial.name())) {
                return startTrial(experiment, resolved, trial, parentId).result();
            }
        }
        TrackedRun run;
        synchronized (this) {  // the sweep's own process creates (or picks) each run, one at a time
            Started started = startTrial(experiment, resolved, trial, parentId);
            if (started.result() != null) {
                return started.result();
            }
            run = started.run();
            run.handOff();
        }
        return executor.run(resolved, trial, run.runId());
    }

    /** A trial's result, or (with an executor) the run it is to continue in. */
    private record Started(TrialRunner.Result result, TrackedRun run) {}

    /**
     * In this process: trains the trial (resumed or new). With an executor: the trial's result when it already
     * FINISHED, else its run (resumed or new) for the executor to continue.
     */
    private Started startTrial(String experiment, SpecLoader.Resolved resolved, Trial trial, String parentId) {
        if (resume) {
            List<RunInfo> earlier = tracker.runsTagged(experiment, Tags.CONFIG_HASH, resolved.hash()).stream()
                    .filter(r -> Tags.CHILD.equals(r.tags().get(Tags.SWEEP))).toList();
            var done = earlier.stream().filter(RunInfo::finished).findFirst();
            if (done.isPresent()) {
                System.err.println("polyhead: trial '" + trial.name() + "' already FINISHED in run " + done.get().runId());
                RunInfo d = done.get();
                return new Started(new TrialRunner.Result(d.runId(), RunStatus.FINISHED, d.metrics(), null), null);
            }
            if (!earlier.isEmpty()) {
                TrialRunner runner = new TrialRunner(workDir);
                System.err.println("polyhead: resuming trial '" + trial.name() + "' in run " + earlier.get(0).runId());
                String runId = earlier.get(0).runId();
                if (executor != null) {
                    return new Started(null, tracker.reopen(runId));
                }
                PreparedData data = prepared(resolved);
                var logged = new TrialRunner.Logged(tracker.loggedSteps(runId, Metrics.TRAIN_LOSS),
                        tracker.loggedSteps(runId, Metrics.EPOCH));
                TrackedRun run = tracker.reopen(runId);
                return new Started(guarded(run, r -> runner.run(resolved, data, r, logged)), null);
            }
        }
        PreparedData data = prepared(resolved);
        new TrialRunner(workDir).check(resolved, data);
        Map<String, String> tags = Provenance.of(resolved, data).tags();
        tags.put(Tags.SWEEP, parentId == null ? Tags.SINGLE : Tags.CHILD);
        String name = parentId == null ? resolved.spec().name() : trial.name();
        TrackedRun run = tracker.startRun(experiment, name, parentId, tags);
        run.logInputs(RunDatasets.of(data, resolved.spec().data().toString(),
                Path.of(System.getProperty("polyhead.home", "."))));
        Map<String, String> params = new LinkedHashMap<>(SpecPrinter.params(resolved.spec()));  // defaults too
        params.putAll(resolved.params());  // the values as written win where both have a key; π once, as loss.pi
        run.logParams(params);
        if (executor != null) {
            return new Started(null, run);
        }
        return new Started(guarded(run, r -> new TrialRunner(workDir).run(resolved, data, r)), null);
    }

    /**
     * A trial whose run could not be created because the server stayed away is recorded as failed, and the sweep goes
     * on ({@code sweep --resume} runs it later).
     */
    private static TrialRunner.Result untracked(Trial trial, java.util.function.Supplier<TrialRunner.Result> body) {
        try {
            return body.get();
        } catch (TrackingUnavailable e) {
            System.err.println("polyhead: trial '" + trial.name() + "' not run: " + e.getMessage()
                    + "; `sweep --resume` runs it when the server is back");
            return new TrialRunner.Result(null, RunStatus.FAILED, Map.of(), e.getMessage());
        }
    }

    /**
     * Runs a trial and prints its one-line result; any failure ends its run as FAILED with the reason. An unexpected
     * one lets the sweep go on; a user's mistake is rethrown.
     */
    private TrialRunner.Result guarded(TrackedRun run, Function<TrackedRun, TrialRunner.Result> body) {
        TrialRunner.Result result = unguarded(run, body);
        System.err.println(TrialLine.of(run, result, tracker.uri()));
        return result;
    }

    private static TrialRunner.Result unguarded(TrackedRun run, Function<TrackedRun, TrialRunner.Result> body) {
        try {
            return body.apply(run);
        } catch (UserError e) {
            run.fail(e);
            throw e;
        } catch (RuntimeException e) {
            String reason = run.fail(e);
            return new TrialRunner.Result(run.runId(), RunStatus.FAILED, Map.of(), reason);
        }
    }

    /** The newest unfinished run of this role, else the newest finished one: a resume never starts a second one. */
    private TrackedRun earlier(String experiment, String hash, String role) {
        List<RunInfo> runs = tracker.runsTagged(experiment, Tags.CONFIG_HASH, hash).stream()
                .filter(r -> role.equals(r.tags().get(Tags.SWEEP))).toList();
        return runs.stream().filter(r -> !r.finished()).findFirst().or(() -> runs.stream().findFirst())
                .map(r -> tracker.reopen(r.runId())).orElse(null);
    }

    public static String experimentOf(SpecLoader.Resolved spec) {
        String e = spec.spec().tracking().experiment();
        String name = e != null ? e : spec.spec().name();
        if (name == null || name.isBlank()) {
            throw new UserError(spec.source() + ": name: required (it names the MLflow experiment)");
        }
        return name;
    }
}
