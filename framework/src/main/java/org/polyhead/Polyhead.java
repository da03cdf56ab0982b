package org.polyhead;

/** Project-wide constants: the version recorded in every run's provenance. */
public final class Polyhead {
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private Polyhead() {}
}
