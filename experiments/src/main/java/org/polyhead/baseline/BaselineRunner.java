package org.polyhead.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.report.RunGroups;
import org.polyhead.eval.Evaluation;
import org.polyhead.eval.Predictions;
import org.polyhead.task.PreparedData;
import org.polyhead.provenance.Provenance;
import org.polyhead.run.TestPredictions;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.Metrics;
import org.polyhead.track.RunStatus;
import org.polyhead.track.Tags;
import org.polyhead.track.TrackedRun;
import org.polyhead.track.Tracker;

/**
 * Runs the spec's {@code baselines} once per distinct data configuration of a sweep's trials, each as a child run of
 * the sweep's parent: tags {@code polyhead.baseline=<name>} and {@code polyhead.sweep=baseline} (so a resumed sweep
 * never takes one for a trial), params {@code baseline} and the data section, metrics {@code val_*} and
 * {@code test_*} under the trials' names, artifact {@link TestPredictions#FILE}. A resumed sweep skips a baseline that
 * already FINISHED under the same parent on the same data. A failing baseline ends FAILED with its reason, like a
 * trial.
 */
public final class BaselineRunner {
    /** Tag: the baseline's name. */
    public static final String BASELINE_TAG = RunGroups.BASELINE_TAG;
    /** Tag: parent, data configuration and name in one value, how a resumed sweep finds a finished baseline. */
    static final String KEY_TAG = "polyhead.baseline_key";
    /** Value of {@code polyhead.sweep} on baseline runs. */
    public static final String ROLE = "baseline";

    private final Tracker tracker;
    private final Path workDir;

    public BaselineRunner(Tracker tracker, Path workDir) {
        this.tracker = tracker;
        this.workDir = workDir;
    }

    /** The result of one baseline run. */
    public record Result(String runId, String baseline, RunStatus status, Map<String, Double> metrics) {}

    /** Runs every listed baseline for each distinct data configuration among {@code trials}, in order. */
    public List<Result> run(String experiment, List<SpecLoader.Resolved> trials,
                            Function<SpecLoader.Resolved, PreparedData> prepared, String parentRunId) {
        Map<String, SpecLoader.Resolved> distinct = new LinkedHashMap<>();
        trials.forEach(t -> distinct.putIfAbsent(Provenance.dataKey(t), t));
        List<Result> results = new java.util.ArrayList<>();
        for (Map.Entry<String, SpecLoader.Resolved> e : distinct.entrySet()) {
            for (String name : e.getValue().spec().baselines()) {
                String key = UUID.nameUUIDFromBytes((parentRunId + "|" + e.getKey() + "|" + name)
                        .getBytes(StandardCharsets.UTF_8)).toString();
                if (tracker.runsTagged(experiment, KEY_TAG, key).stream().anyMatch(r -> r.finished())) {
                    System.err.println("polyhead: baseline '" + name + "' already FINISHED for this data");
                    continue;
                }
                System.err.println("polyhead: baseline " + name);
                results.add(runOne(experiment, e.getValue(), prepared.apply(e.getValue()), Baselines.named(name),
                        parentRunId, key));
            }
        }
        return results;
    }

    private Result runOne(String experiment, SpecLoader.Resolved trial, PreparedData data, Baseline baseline,
                          String parentRunId, String key) {
        Map<String, String> tags = new LinkedHashMap<>(Provenance.of(trial, data).tags());
        tags.remove(Tags.CONFIG_HASH);  // the trial's: a resumed sweep must not take this run for the trial
        tags.put(Tags.SWEEP, ROLE);
        tags.put(BASELINE_TAG, baseline.name());
        tags.put(KEY_TAG, key);
        TrackedRun run = tracker.startRun(experiment, "baseline " + baseline.name(), parentRunId, tags);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("baseline", baseline.name());
        trial.params().forEach((k, v) -> {
            if (k.startsWith("data.")) {
                params.put(k, v);
            }
        });
        run.logParams(params);
        try {
            BaselineInput in = BaselineInput.of(trial.spec(), data);
            Baseline.Scores scores = baseline.fit(in);
            Map<String, Double> metrics = new LinkedHashMap<>(
                    Evaluation.metrics(in.groups(), new Predictions(scores.validation()), data.validation().targets()));
            if (scores.test() != null) {
                Evaluation.metrics(in.groups(), new Predictions(scores.test()), data.test().targets())
                        .forEach((k, v) -> metrics.put(Metrics.test(k), v));
                run.logArtifact(testPredictions(run.runId(), in, scores.test()), "");
            }
            run.logMetrics(metrics, 0);
            run.end(RunStatus.FINISHED);
            return new Result(run.runId(), baseline.name(), RunStatus.FINISHED, metrics);
        } catch (UserError e) {
            run.fail(e);
            throw e;
        } catch (RuntimeException e) {
            String reason = run.fail(e);
            System.err.println("polyhead: baseline '" + baseline.name() + "' failed: " + reason);
            return new Result(run.runId(), baseline.name(), RunStatus.FAILED, Map.of());
        }
    }

    private Path testPredictions(String runId, BaselineInput in, Map<String, INDArray> probs) {
        try {
            Path dir = Files.createDirectories(workDir.resolve(runId));
            return TestPredictions.write(dir.resolve(TestPredictions.FILE), in.groups(), new Predictions(probs),
                    in.data().test().targets(), in.testRecords());
        } catch (IOException e) {
            throw new UserError("cannot write " + TestPredictions.FILE + " under " + workDir + ": " + e.getMessage(),
                    e);
        }
    }
}
