package org.polyhead.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.polyhead.UserError;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.PreparedData;

/**
 * Resolves and checks every trial of a sweep before anything is tracked: each trial's spec (grid and random keys and
 * values bound as strictly as the spec itself), its data (prepared once per data configuration, so missing or bad
 * files show here) and its model ({@link TrialRunner#check}). The first mistake stops the sweep with a message naming the
 * trial and the key, and no run exists yet.
 */
final class SweepCheck {
    private SweepCheck() {}

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
