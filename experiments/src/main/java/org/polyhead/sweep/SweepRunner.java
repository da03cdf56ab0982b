package org.polyhead.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.polyhead.UserError;
import org.polyhead.run.PreparedData;
import org.polyhead.run.Provenance;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.RunStatus;
import org.polyhead.track.TrackedRun;
import org.polyhead.track.Tracker;

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

    public SweepRunner(Tracker tracker, Function<SpecLoader.Resolved, PreparedData> prepare, Path workDir) {
        this.tracker = tracker;
        this.prepare = prepare;
        this.workDir = workDir;
    }

    /** The sweep's parent run id and each trial's result, in plan order. */
    public record Outcome(String parentRunId, String experiment, List<TrialRunner.Result> results) {}

    public Outcome run(SpecLoader.Resolved base) {
        String experiment = experimentOf(base);
        List<Trial> trials = SweepPlan.trials(base.spec().sweep());
        Map<String, String> tags = new LinkedHashMap<>(Provenance.common(base));
        tags.put("polyhead.sweep", "parent");
        tags.put("polyhead.trials", Integer.toString(trials.size()));
        TrackedRun parent = tracker.startRun(experiment, base.spec().name() + " sweep", null, tags);
        parent.logParams(base.params());
        List<TrialRunner.Result> results = new ArrayList<>();
        int i = 0;
        for (Trial trial : trials) {
            i++;
            System.err.printf("polyhead: trial %d/%d: %s%n", i, trials.size(), trial.name());
            results.add(runTrial(experiment, base.with(trial.overrides()), trial, parent.runId()));
        }
        boolean allFailed = !results.isEmpty() && results.stream().allMatch(r -> r.status() == RunStatus.FAILED);
        parent.end(allFailed ? RunStatus.FAILED : RunStatus.FINISHED);
        return new Outcome(parent.runId(), experiment, results);
    }

    private TrialRunner.Result runTrial(String experiment, SpecLoader.Resolved resolved, Trial trial, String parentId) {
        PreparedData data = prepared.computeIfAbsent(Provenance.dataKey(resolved), k -> prepare.apply(resolved));
        Map<String, String> tags = new LinkedHashMap<>(Provenance.common(resolved));
        tags.putAll(Provenance.data(data));
        tags.put("polyhead.sweep", "child");
        TrackedRun run = tracker.startRun(experiment, trial.name(), parentId, tags);
        Map<String, String> params = new LinkedHashMap<>(resolved.params());
        if (resolved.spec().loss().pi() != null) {
            params.put("pi", Double.toString(resolved.spec().loss().pi()));  // the short name reports and users query
        }
        run.logParams(params);
        try {
            return new TrialRunner(workDir).run(resolved, data, run);
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            run.setTag("polyhead.failure", reason);
            run.end(RunStatus.FAILED);
            System.err.println("polyhead: trial '" + trial.name() + "' failed: " + reason);
            return new TrialRunner.Result(run.runId(), RunStatus.FAILED, Map.of(), reason);
        }
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
