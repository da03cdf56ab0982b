package org.polyhead.track;

import org.polyhead.UserError;

/**
 * The tracking server stayed unreachable (or kept failing) for the whole drain timeout while a run was being created
 * or looked up: nothing about the user's input is wrong, so a sweep records the trial as failed and goes on, and
 * {@code sweep --resume} runs it once the server is back.
 */
public final class TrackingUnavailable extends UserError {
    public TrackingUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
