package org.polyhead.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fine-tuning trial of {@code bench --trial}: a spec ({@code experiments/bench/trial.yaml} by default, relative to
 * the project's folder unless absolute), the
 * training steps left unmeasured ({@code warmup}) and measured ({@code steps}) in every process, and the measured
 * validation passes. Both sides' processes take it as {@code --key value} arguments ({@link #args()}).
 */
public record TrialShape(String name, String spec, int warmup, int steps, int validations) {

    public List<String> args() {
        return List.of("--name", name, "--spec", spec, "--warmup", "" + warmup, "--steps", "" + steps,
                "--validations", "" + validations);
    }

    /** Inverse of {@link #args()}. */
    public static TrialShape parse(String[] args) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return new TrialShape(m.get("name"), m.get("spec"), Integer.parseInt(m.get("warmup")),
                Integer.parseInt(m.get("steps")), Integer.parseInt(m.get("validations")));
    }
}
