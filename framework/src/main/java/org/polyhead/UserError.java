package org.polyhead;

/**
 * A mistake in the user's input (file, config key, record, URI): the CLI prints its message without a stack trace.
 * The message names what is at fault: file and line, config key path, or URI.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
