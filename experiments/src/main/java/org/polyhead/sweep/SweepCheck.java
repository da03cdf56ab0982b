package org.polyhead.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.polyhead.UserError;
import org.polyhead.provenance.Provenance;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.PreparedData;

/**
 * Resolves and checks every trial of a sweep before anything is tracked: each trial's spec (grid and random keys and
 * values bound as strictly as the spec itself), its data (prepared once per data configuration, so missing or bad
 * files show here) and its model ({@link TrialRunner#check}). The first mistake stops the sweep with a message naming the
 * trial and the key, and no run exists yet.
 */
public final class SweepCheck {
    private SweepCheck() {}

    /**
     * Checks every trial of {@code base}'s sweep as {@link SweepRunner#run} does before its parent run exists, and
     * tracks nothing: what {@code sweep --dry-run} runs, so that it refuses what the sweep itself would.
     */
    public static void check(SpecLoader.Resolved base, Function<SpecLoader.Resolved, PreparedData> prepare,
                             Path workDir) {
        Map<String, PreparedData> prepared = new HashMap<>();
        resolve(base, SweepPlan.trials(base.spec().sweep()),
                r -> prepared.computeIfAbsent(Provenance.dataKey(r), k -> prepare.apply(r)), new TrialRunner(workDir));
    }

    /** The resolved spec of each trial, in plan order. */
    static List<SpecLoader.Resolved> resolve(SpecLoader.Resolved base, List<Trial> trials,
                                             Function<SpecLoader.Resolved, PreparedData> prepared,
                                             TrialRunner runner) {
        List<SpecLoader.Resolved> out = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial trial = trials.get(i);
            try {
                SpecLoader.Resolved resolved = base.with(trial.overrides());
                runner.check(resolved, prepared.apply(resolved));
                out.add(resolved);
            } catch (UserError e) {
                throw new UserError("sweep trial " + (i + 1) + "/" + trials.size() + " (" + trial.name() + "): "
                        + e.getMessage(), e);
            }
        }
        return out;
    }
}
