package org.polyhead.baseline;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.polyhead.UserError;

/** The baselines a spec can name under {@code baselines}, one line each. */
public final class Baselines {
    private static final Map<String, Supplier<Baseline>> REGISTRY = Map.of(
            Majority.NAME, Majority::new,
            TfIdfLogistic.NAME, TfIdfLogistic::new,
            Probe.NAME, Probe::new);

    /** Every name, in the order reports list them. */
    public static final List<String> NAMES = List.of(Majority.NAME, TfIdfLogistic.NAME, Probe.NAME);

    private Baselines() {}

    public static Baseline named(String name) {
        Supplier<Baseline> b = REGISTRY.get(name);
        if (b == null) {
            throw new UserError("baselines: unknown baseline '" + name + "', expected one of " + NAMES);
        }
        return b.get();
    }
}
