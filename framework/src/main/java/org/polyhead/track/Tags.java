package org.polyhead.track;

/**
 * The run tag keys polyhead writes (experiments) and reads back (reports, resuming sweeps), each named once, as the
 * MLflow Java client's {@code MlflowTagConstants} names MLflow's own.
 */
public final class Tags {
    /** The spec file a run came from. */
    public static final String SPEC = "polyhead.spec";
    /** SHA-256 of the resolved spec: trials with equal hashes are the same trial (a resumed sweep finds them by it). */
    public static final String CONFIG_HASH = "polyhead.config_hash";
    public static final String SEED = "polyhead.seed";
    public static final String VERSION = "polyhead.version";
    /** The ND4J backend class, e.g. {@code CpuBackend}. */
    public static final String BACKEND = "polyhead.backend";
    /** The GPU(s), or the CPU's architecture, cores and OpenMP threads. */
    public static final String DEVICE = "polyhead.device";
    public static final String GIT_COMMIT = "polyhead.git_commit";
    /** Whether tracked files had uncommitted changes: {@code true}, {@code false} or {@code unknown}. */
    public static final String GIT_DIRTY = "polyhead.git_dirty";
    public static final String DATASET = "polyhead.dataset";
    public static final String DATASET_SHA256 = "polyhead.dataset_sha256";
    /** What tokenized the texts (tokenizer file, maximum length, entity markers). */
    public static final String TOKENIZER = "polyhead.tokenizer";
    /** The task kind: {@code grouped}, {@code hierarchy} or {@code target}. */
    public static final String TASK = "polyhead.task";
    /** The pretrained checkpoint folder the encoder started from. */
    public static final String CHECKPOINT = "polyhead.checkpoint";
    /** Checkpoint tensors the graph did not use, comma-separated. */
    public static final String CHECKPOINT_UNUSED = "polyhead.checkpoint_unused";
    /** Why a run FAILED. */
    public static final String FAILURE = "polyhead.failure";
    /** {@code epoch <n>}: the epoch early stopping ended training after. */
    public static final String EARLY_STOPPED = "polyhead.early_stopped";
    /** The last epoch of the checkpoint a resumed run continued from. */
    public static final String RESUMED_FROM_EPOCH = "polyhead.resumed_from_epoch";
    /** A run's role in a sweep: {@link #PARENT}, {@link #CHILD} or {@link #SINGLE}. */
    public static final String SWEEP = "polyhead.sweep";
    public static final String PARENT = "parent";
    public static final String CHILD = "child";
    public static final String SINGLE = "single";
    /** On the run whose model a sweep logged under {@code model/} for {@code tracking.log_model: best}: {@code best}. */
    public static final String MODEL_LOGGED = "polyhead.model_logged";
    /** How many trials a sweep's parent run holds. */
    public static final String TRIALS = "polyhead.trials";

    private Tags() {}
}
