package org.polyhead.sweep;

import org.polyhead.UserError;
import org.polyhead.track.RunStatus;
import org.polyhead.track.Tags;
import org.polyhead.track.TrackedRun;

/** Ends a run that an exception interrupted as FAILED, with the reason in tag {@code polyhead.failure}. */
final class FinalState {
    private FinalState() {}

    /** @return the reason recorded: a user's mistake as its message, anything else with its exception's name */
    static String failed(TrackedRun run, RuntimeException e) {
        String reason = e instanceof UserError ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        run.setTag(Tags.FAILURE, reason);
        run.end(RunStatus.FAILED);
        return reason;
    }
}
