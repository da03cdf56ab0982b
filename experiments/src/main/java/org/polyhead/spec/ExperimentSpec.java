package org.polyhead.spec;

import java.util.List;
import java.util.Map;

/**
 * A declarative experiment, as written in {@code experiments/specs/*.yaml}: what data, which encoder, which heads and
 * losses, how to train, what to sweep and where to track. Immutable; every field has a default so specs stay short.
 */
public record ExperimentSpec(
        String name,
        DataSpec data,
        EncoderSpec encoder,
        ModelSpecConfig model,
        List<GroupSpec> groups,
        LossSpec loss,
        TrainingSpec training,
        SweepSpec sweep,
        TrackingSpec tracking,
        List<String> baselines) {

    public ExperimentSpec {
        data = data == null ? new DataSpec(null, null, null, null, null, null, null, null) : data;
        encoder = encoder == null ? new EncoderSpec(null, null, null, null, null, null, null, null, null) : encoder;
        model = model == null ? new ModelSpecConfig(null, null, null) : model;
        groups = groups == null ? List.of() : List.copyOf(groups);
        loss = loss == null ? new LossSpec(null, null) : loss;
        training = training == null
                ? new TrainingSpec(null, null, null, null, null, null, null, null, null, null, null, null) : training;
        sweep = sweep == null ? new SweepSpec(null, null, null, null) : sweep;
        tracking = tracking == null ? new TrackingSpec(null, null) : tracking;
        Checks.distinctGroups(groups);
        baselines = baselines == null ? List.of() : List.copyOf(baselines);
        for (String b : baselines) {
            if (!org.polyhead.baseline.Baselines.NAMES.contains(b)) {
                throw new IllegalArgumentException("baselines: unknown baseline '" + b + "', expected one of "
                        + org.polyhead.baseline.Baselines.NAMES);
            }
        }
    }

    /**
     * Which dataset, how much of it, how it is split and tokenized; {@code markers} (target datasets only) puts marker
     * tokens around the target in the text ({@code none} or {@code unused}); {@code taxonomy} (label paths only) names
     * a file of parent → child edges that every path must follow (otherwise the taxonomy is the one the paths describe).
     */
    public record DataSpec(String name, Integer maxRecords, Double validation, Double test, Integer splitSeed,
                           Integer maxLength, String markers, String taxonomy) {
        public DataSpec {
            markers = markers == null ? "none" : markers;
            if (!org.polyhead.target.EntityMarkers.NAMES.contains(markers)) {
                throw new IllegalArgumentException("data.markers: must be one of "
                        + org.polyhead.target.EntityMarkers.NAMES + ", got " + markers);
            }
            if (maxRecords != null) {
                Checks.atLeast("data.max_records", maxRecords, 1);  // absent = every record
            }
            maxRecords = maxRecords == null ? 0 : maxRecords;
            validation = validation == null ? 0.2 : validation;
            test = test == null ? 0.0 : test;
            splitSeed = splitSeed == null ? 13 : splitSeed;
            maxLength = maxLength == null ? 64 : maxLength;
            Checks.positive("data.max_length", maxLength);
            Checks.openFraction("data.validation", validation);
            Checks.fraction("data.test", test);
            if (validation + test >= 1) {
                throw new IllegalArgumentException("data.validation + data.test: must leave records to train on, got "
                        + validation + " + " + test);
            }
        }
    }

    /**
     * Encoder size when trained from scratch, or a pretrained checkpoint folder. {@code freezeLayers} freezes the
     * embeddings and the lowest k layers (0 = none); {@code cacheFrozen} computes their output once per record.
     */
    public record EncoderSpec(Integer layers, Integer hidden, Integer heads, Integer intermediate, Double dropout,
                              String checkpoint, String tokenizer, Integer freezeLayers, Boolean cacheFrozen) {
        public EncoderSpec {
            freezeLayers = freezeLayers == null ? 0 : freezeLayers;
            cacheFrozen = cacheFrozen != null && cacheFrozen;
            layers = layers == null ? 2 : layers;
            hidden = hidden == null ? 128 : hidden;
            heads = heads == null ? 4 : heads;
            intermediate = intermediate == null ? 4 * hidden : intermediate;
            dropout = dropout == null ? 0.1 : dropout;
            tokenizer = tokenizer == null ? "all-MiniLM-L6-v2" : tokenizer;
            Checks.positive("encoder.layers", layers);
            Checks.positive("encoder.hidden", hidden);
            Checks.positive("encoder.heads", heads);
            Checks.positive("encoder.intermediate", intermediate);
            Checks.dropout("encoder.dropout", dropout);
            if (hidden % heads != 0) {
                throw new IllegalArgumentException("encoder.hidden (" + hidden + ") must be divisible by encoder.heads (" + heads + ")");
            }
            FineTuneChecks.freezeLayers(freezeLayers, layers, checkpoint);
            FineTuneChecks.cacheFrozen(cacheFrozen, freezeLayers);
        }
    }

    /** Design names, resolved through {@code org.polyhead.model.Designs}. */
    public record ModelSpecConfig(String pooling, String heads, String weighting) {
        public ModelSpecConfig {
            pooling = pooling == null ? "mean" : pooling;
            heads = heads == null ? "separate" : heads;
            weighting = weighting == null ? "fixed" : weighting;
        }
    }

    /**
     * One label group: its name in the data, its target type ({@code softmax}, {@code multilabel} or
     * {@code regression}), (optionally) its class list, its loss (empty = the type's default; {@code mse} or
     * {@code huber} for regression) and whether a regression target is standardised with the training split's mean and
     * standard deviation.
     */
    public record GroupSpec(String name, String type, List<String> classes, String loss, Boolean standardise) {
        public GroupSpec {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is required");
            }
            type = type == null ? "softmax" : type;
            classes = classes == null ? List.of() : List.copyOf(classes);
            loss = loss == null ? "" : loss;
            standardise = standardise != null && standardise;
        }

        public GroupSpec(String name, String type, List<String> classes) {
            this(name, type, classes, null, null);
        }
    }

    /** π for two groups (L = π·L_1 + (1−π)·L_2) or explicit weights for K groups. */
    public record LossSpec(Double pi, List<Double> weights) {
        public LossSpec {
            if (pi != null) {
                Checks.fraction("loss.pi", pi);
                if (weights != null && !weights.isEmpty()) {
                    throw new IllegalArgumentException("loss: give loss.pi (two groups) or loss.weights, not both");
                }
            }
            weights = weights == null ? List.of() : List.copyOf(weights);
            for (int i = 0; i < weights.size(); i++) {
                if (weights.get(i) < 0) {
                    throw new IllegalArgumentException("loss.weights[" + i + "] must be >= 0, got " + weights.get(i));
                }
            }
            if (!weights.isEmpty() && weights.stream().allMatch(w -> w == 0)) {
                throw new IllegalArgumentException("loss.weights must not all be zero");
            }
        }
    }

    /**
     * Optimisation and early stopping. The learning rate warms up linearly over the first {@code warmup} fraction of
     * the steps, then decays to 0 at the last step along {@code schedule} ({@code linear} or {@code cosine}).
     * {@code lr} is the encoder's peak rate and {@code headLr} (default {@code lr}) that of everything else.
     * {@code groupByLength} (default false, as HuggingFace's {@code group_by_length}) cuts each epoch's batches from
     * rows of about one length ({@code TextBatches.lengthGrouped}) instead of from all rows shuffled.
     */
    public record TrainingSpec(Integer epochs, Integer batchSize, Double lr, Double warmup, Double weightDecay,
                               Integer seed, String earlyStopping, Integer patience, Boolean checkpoint,
                               String schedule, Double headLr, Boolean groupByLength) {
        public TrainingSpec {
            groupByLength = groupByLength != null && groupByLength;
            schedule = schedule == null ? "linear" : schedule;
            if (!schedule.equals("linear") && !schedule.equals("cosine")) {
                throw new IllegalArgumentException("training.schedule must be linear or cosine, got " + schedule);
            }
            checkpoint = checkpoint != null && checkpoint;
            epochs = epochs == null ? 3 : epochs;
            batchSize = batchSize == null ? 32 : batchSize;
            lr = lr == null ? 1e-3 : lr;
            warmup = warmup == null ? 0.1 : warmup;
            weightDecay = weightDecay == null ? 0.0 : weightDecay;
            seed = seed == null ? 1 : seed;
            patience = patience == null ? 0 : patience;
            Checks.positive("training.epochs", epochs);
            Checks.positive("training.batch_size", batchSize);
            Checks.fraction("training.warmup", warmup);
            Checks.atLeast("training.patience", patience, 0);
            Checks.atLeast("training.weight_decay", weightDecay, 0);
            if (lr <= 0) {
                throw new IllegalArgumentException("training.lr must be > 0, got " + lr);
            }
            headLr = headLr == null ? lr : headLr;
            if (!(headLr > 0)) {
                throw new IllegalArgumentException("training.head_lr: must be > 0, got " + headLr);
            }
            if (!(weightDecay >= 0)) {
                throw new IllegalArgumentException("training.weight_decay: must be >= 0, got " + weightDecay);
            }
        }
    }

    /** Grid (every combination of listed values) and random search (ranges sampled {@code trials} times), over any key. */
    public record SweepSpec(Map<String, List<Object>> grid, Map<String, List<Double>> random, Integer trials,
                            Integer seed) {
        public SweepSpec {
            grid = grid == null ? Map.of() : grid;
            random = random == null ? Map.of() : random;
            trials = trials == null ? 0 : trials;
            Checks.atLeast("sweep.trials", trials, 0);
            seed = seed == null ? 0 : seed;
        }
    }

    /**
     * The MLflow experiment runs go to (defaults to the spec's name), and which runs get the trained model as their
     * {@code model/} artifact folder: {@code best} (default: a single run, and the best trial of a sweep by its
     * early-stopping metric), {@code all} trials, or {@code none}.
     */
    public record TrackingSpec(String experiment, String logModel) {
        public static final List<String> LOG_MODEL = List.of("best", "all", "none");

        public TrackingSpec {
            logModel = logModel == null ? "best" : logModel;
            if (!LOG_MODEL.contains(logModel)) {
                throw new IllegalArgumentException("tracking.log_model must be one of " + LOG_MODEL + ", got "
                        + logModel);
            }
        }
    }
}
