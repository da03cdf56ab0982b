package org.polyhead.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.StateDir;
import org.polyhead.UserError;

/**
 * {@link Tracker} on an MLflow tracking server. Every write of a run is first appended to the run's local
 * {@link Journal} (under {@code .polyhead/journal/<run>}) and then sent by one background {@link Sender}, so training
 * never waits on the network and nothing is lost when the server is down or restarts: unsent entries are sent when it
 * is back, by this process or by the next tracker opened on the same journal folder (also {@code polyhead sync}).
 * Searching and creating runs talk to the server directly through the MLflow Java client.
 */
public final class MlflowTracker implements Tracker {
    static final int MAX_PARAM_VALUE = 6000;
    static final int MAX_TAG_VALUE = 5000;
    private static final String TRUNCATED = "...[truncated]";
    private static final Duration UNREACHABLE_END_WAIT = Duration.ofSeconds(5);
    /** How long a run stopped by SIGINT/SIGTERM waits for its end to reach the server before the process exits. */
    private static final Duration KILLED_END_WAIT = Duration.ofSeconds(10);

    private final String uri;
    private final MlflowClient client;
    private final Path journalRoot;
    private final Duration drainTimeout;
    private final Sender sender;
    private final Replay replayed;
    private final java.util.Set<Journal> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<Run> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread onKill = new Thread(this::endLiveRunsAsKilled, "polyhead-killed-runs");

    /** What replaying journals left by earlier processes achieved. */
    public record Replay(int runs, long sent, long left, List<Path> kept) {}

    /** A tracker journaling under the project's {@code .polyhead/journal}. */
    public MlflowTracker(String uri) {
        this(uri, defaultJournalRoot(), defaultDrainTimeout());
    }

    /**
     * @param journalRoot  where runs are journaled; journals an earlier process left there are replayed first
     * @param drainTimeout how long a run's end (and {@link #close}) waits for its entries to reach the server
     */
    public MlflowTracker(String uri, Path journalRoot, Duration drainTimeout) {
        MlflowRest rest = new MlflowRest(uri);
        String notMlflow = rest.notMlflow();
        if (notMlflow != null) {
            throw new UserError(notMlflow);  // before any journal is replayed into it
        }
        this.uri = uri;
        this.client = new MlflowClient(uri);
        this.journalRoot = journalRoot;
        this.drainTimeout = drainTimeout;
        this.sender = new Sender(rest);
        this.replayed = replayLeftovers();
        Runtime.getRuntime().addShutdownHook(onKill);
    }

    /** The project's journal folder: {@code journal} in the {@link StateDir} of {@code <polyhead.home>}. */
    public static Path defaultJournalRoot() {
        String home = System.getProperty("polyhead.home", System.getenv().getOrDefault("POLYHEAD_HOME", "."));
        return StateDir.of(Path.of(home).toAbsolutePath().normalize()).resolve("journal");
    }

    /** 60 s, or {@code POLYHEAD_TRACKING_DRAIN_SECONDS}. */
    public static Duration defaultDrainTimeout() {
        String s = System.getenv("POLYHEAD_TRACKING_DRAIN_SECONDS");
        try {
            return Duration.ofSeconds(s == null || s.isBlank() ? 60 : Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            throw new UserError("POLYHEAD_TRACKING_DRAIN_SECONDS: expected whole seconds, got '" + s + "'");
        }
    }

    /** What the replay of earlier journals, done when this tracker was opened, sent and left. */
    public Replay replayed() {
        return replayed;
    }

    public Path journalRoot() {
        return journalRoot;
    }

    @Override
    public String uri() {
        return uri;
    }

    MlflowClient client() {
        return client;
    }

    @Override
    public TrackedRun startRun(String experiment, String runName, String parentRunId, Map<String, String> tags) {
        Service.RunInfo info = retrying("start run '" + runName + "'", () -> {
            String experimentId = experimentId(experiment);
            Service.CreateRun.Builder req = Service.CreateRun.newBuilder().setExperimentId(experimentId)
                    .setStartTime(System.currentTimeMillis()).setRunName(runName);
            req.addTags(tag("mlflow.runName", runName));
            if (parentRunId != null) {
                req.addTags(tag("mlflow.parentRunId", parentRunId));
            }
            tags.forEach((k, v) -> req.addTags(tag(k, truncate(v, MAX_TAG_VALUE))));
            RunOwner.current().tags().forEach((k, v) -> req.addTags(tag(k, v)));
            return client.createRun(req.build());
        });
        return open(info.getRunId(), info.getExperimentId(), runName);
    }

    /**
     * The experiment's id, creating the experiment (with its {@link ExperimentKind} tag) if absent. Another process
     * may create it between the lookup and the creation (two sweeps starting at once): MLflow's
     * RESOURCE_ALREADY_EXISTS then means look it up again.
     */
    String experimentId(String experiment) {
        var found = ExperimentKind.find(client, experiment);
        return found.isPresent() ? ExperimentKind.tag(client, found.get()) : createOrFind(experiment);
    }

    /** Creates the experiment, or finds the one another process created first. */
    String createOrFind(String experiment) {
        try {
            return ExperimentKind.create(client, experiment);
        } catch (org.mlflow.tracking.MlflowHttpException e) {
            if (!String.valueOf(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS")) {
                throw e;
            }
            return ExperimentKind.tag(client, ExperimentKind.find(client, experiment).orElseThrow(() -> e));
        }
    }

    @Override
    public java.util.List<RunInfo> runsTagged(String experiment, String key, String value) {
        var exp = ExperimentKind.find(client, experiment);
        if (exp.isEmpty()) {
            return List.of();
        }
        if (value.contains("'")) {
            throw new IllegalArgumentException("tag values with quotes cannot be searched: " + value);
        }
        String filter = "tags.`" + key + "` = '" + value + "'";
        List<RunInfo> out = new ArrayList<>();
        org.mlflow.tracking.RunsPage page = client.searchRuns(List.of(exp.get().getExperimentId()), filter,
                Service.ViewType.ACTIVE_ONLY, 1000, List.of("attributes.start_time DESC"));
        while (true) {
            for (Service.Run r : page.getItems()) {
                Map<String, Double> metrics = new java.util.LinkedHashMap<>();
                r.getData().getMetricsList().forEach(m -> metrics.put(m.getKey(), m.getValue()));
                Map<String, String> tags = new java.util.LinkedHashMap<>();
                r.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
                out.add(new RunInfo(r.getInfo().getRunId(), r.getInfo().getStatus().name(), metrics, tags));
            }
            if (!page.hasNextPage()) {
                return out;
            }
            page = (org.mlflow.tracking.RunsPage) page.getNextPage();
        }
    }

    @Override
    public java.util.Set<Long> loggedSteps(String runId, String metric) {
        java.util.Set<Long> steps = new java.util.TreeSet<>();
        client.getMetricHistory(runId, metric).forEach(m -> steps.add(m.getStep()));
        return steps;
    }

    @Override
    public TrackedRun reopen(String runId) {
        Service.RunInfo info = retrying("reopen run " + runId, () -> client.getRun(runId)).getInfo();
        return open(runId, info.getExperimentId(), info.getRunName());
    }

    private TrackedRun open(String runId, String experimentId, String runName) {
        var held = sender.journals().stream().filter(j -> j.runId().equals(runId)).findFirst();
        Journal journal = held.orElseGet(() -> Journal.open(journalRoot, runId).orElseThrow(() -> new UserError(
                "run " + runId + " is being logged by another process (journal " + journalRoot.resolve(runId) + ")")));
        if (held.isEmpty()) {  // else a replayed journal this tracker could not deliver yet: continue it
            sender.add(journal);
        }
        Run run = new Run(runId, experimentId, runName, journal);
        RunOwner.current().tags().forEach(run::setTag);  // a reopened run now belongs to this process
        live.add(run);
        return run;
    }

    /**
     * The shutdown hook: runs still open when the process is stopped (SIGINT, SIGTERM) end as KILLED with the reason,
     * and their journals are flushed, sent for a few seconds and left for the next process if the server lacks them.
     */
    private void endLiveRunsAsKilled() {
        List<Journal> journals = new ArrayList<>();
        for (Run run : List.copyOf(live)) {
            long now = System.currentTimeMillis();
            try {
                run.journal.append(JournalEntry.Kind.TAG, Tags.FAILURE, "stopped by a signal (SIGINT or SIGTERM)",
                        null, null, now);
                run.journal.seal(JournalEntry.Kind.END, "status", RunStatus.KILLED.name(), now);
                run.journal.force();
                journals.add(run.journal);
            } catch (UserError | UncheckedIOException e) {  // a journal that cannot be written: straight to MLflow
                run.setTag(Tags.FAILURE, "stopped by a signal (SIGINT or SIGTERM)");
                run.end(RunStatus.KILLED);
            }
        }
        if (journals.isEmpty()) {
            return;
        }
        sender.awaitDrained(journals, KILLED_END_WAIT, UNREACHABLE_END_WAIT);
        for (Journal j : journals) {
            if (j.pending() + j.refused().size() > 0) {
                System.err.println(unsentMessage(j));
            }
            sender.release(j);
        }
        System.err.println("polyhead: stopped; " + journals.size() + " run(s) ended as KILLED");
    }

    /** Sends journals left under the journal folder by processes that ended before the server had everything. */
    private Replay replayLeftovers() {
        List<Journal> leftovers = new ArrayList<>();
        for (String runId : Journal.runs(journalRoot)) {
            Journal.open(journalRoot, runId).ifPresent(leftovers::add);
        }
        if (leftovers.isEmpty()) {
            return new Replay(0, 0, 0, List.of());
        }
        long before = leftovers.stream().mapToLong(Journal::pending).sum();
        leftovers.forEach(sender::add);
        sender.awaitDrained(leftovers, drainTimeout);
        long left = leftovers.stream().mapToLong(j -> j.pending() + j.refused().size()).sum();
        List<Path> kept = leftovers.stream().filter(j -> j.pending() + j.refused().size() > 0).map(Journal::dir)
                .toList();
        leftovers.stream().filter(j -> j.pending() == 0).forEach(sender::release);
        if (before > 0) {
            System.err.printf("polyhead: sent %d journaled tracking entries of %d earlier run(s) to %s%s%n",
                    before - left, leftovers.size(), uri, left == 0 ? "" : "; " + left + " still waiting in " + kept);
        }
        return new Replay(leftovers.size(), before - left, left, kept);
    }

    /**
     * Waits (at most the drain timeout) until the server has every journaled entry, then stops the sender. Journals
     * that could not be sent stay on disk, and their folder is printed: the next tracker, or {@code polyhead sync},
     * sends them.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onKill);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook does the rest
        }
        for (Run run : List.copyOf(live)) {  // a caller that did not end its run: never leave it RUNNING
            run.setTag(Tags.FAILURE, "the command ended before the run did");
            run.end(RunStatus.FAILED);
        }
        List<Journal> open = sender.journals();
        sender.awaitDrained(open, drainTimeout);
        sender.close();
        for (Journal j : open) {
            if (j.pending() + j.refused().size() > 0 && !reported.contains(j)) {
                System.err.println(unsentMessage(j));
            }
            j.close();
        }
    }

    private String unsentMessage(Journal j) {
        String why = j.pending() > 0 ? sender.problem()
                : j.refused().size() + " refused: " + j.refused().values().iterator().next();
        return "polyhead: run " + j.runId() + ": " + (j.pending() + j.refused().size())
                + " tracking entries are not yet in MLflow"
                + (why == null ? "" : " (" + why + ")") + "; they are kept in " + j.dir()
                + (j.pending() > 0 ? " and sent when the server is back" : " and tried again")
                + " (./polyhead sync, or any later polyhead run)";
    }

    /** Retries a direct client call with backoff while the server is unreachable, at most the drain timeout. */
    private <T> T retrying(String what, java.util.function.Supplier<T> call) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        long backoff = 250;
        while (true) {
            try {
                return call.get();
            } catch (org.mlflow.tracking.MlflowClientException e) {
                boolean serverSide = !(e instanceof org.mlflow.tracking.MlflowHttpException h) || h.getStatusCode() >= 500
                        || h.getStatusCode() == 429;
                String message = "MLflow at " + uri + ": cannot " + what + ": " + e.getMessage();
                if (!serverSide) {
                    throw new UserError(message, e);
                }
                if (System.nanoTime() + backoff * 1_000_000 > deadline) {
                    throw new TrackingUnavailable(message, e);
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted while trying to " + what);
            }
            backoff = Math.min(2 * backoff, 8_000);
        }
    }

    /**
     * A write the journal cannot take, sent straight to the server (retried while it is unreachable, at most the drain
     * timeout); when it does not arrive, says so rather than hiding the journal's failure behind another.
     */
    private void direct(String what, Runnable call) {
        try {
            retrying(what, () -> {
                call.run();
                return null;
            });
        } catch (UserError e) {
            System.err.println("polyhead: " + e.getMessage());
        }
    }

    static Service.RunTag tag(String k, String v) {
        return Service.RunTag.newBuilder().setKey(k).setValue(v).build();
    }

    static String truncate(String v, int max) {
        return v.length() <= max ? v : v.substring(0, max - TRUNCATED.length()) + TRUNCATED;
    }

    private final class Run implements TrackedRun {
        private final String runId;
        private final String experimentId;
        private final String runName;
        private final Journal journal;

        Run(String runId, String experimentId, String runName, Journal journal) {
            this.runId = runId;
            this.experimentId = experimentId;
            this.runName = runName;
            this.journal = journal;
        }

        @Override
        public String runName() {
            return runName == null || runName.isEmpty() ? runId : runName;
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public String experimentId() {
            return experimentId;
        }

        /** A value over MLflow's limit is truncated with a marker; the whole value goes to artifact params/KEY.txt. */
        @Override
        public void logParams(Map<String, String> params) {
            long now = System.currentTimeMillis();
            params.forEach((k, v) -> {
                if (v.length() > MAX_PARAM_VALUE) {
                    try {
                        String name = k.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt";
                        Path full = Files.createDirectories(journal.dir().resolve("params")).resolve(name);
                        Files.writeString(full, v);
                        journal.append(JournalEntry.Kind.ARTIFACT, "params/" + name, full.toString(), null, null, now);
                    } catch (IOException e) {
                        System.err.println("polyhead: cannot keep the full value of param " + k + ": " + e.getMessage());
                    }
                }
                journal.append(JournalEntry.Kind.PARAM, k, truncate(v, MAX_PARAM_VALUE), null, null, now);
            });
        }

        /** Journaled; once the journal cannot be written, sent straight to the server (a failure's reason, say). */
        @Override
        public void setTag(String key, String value) {
            String v = truncate(value, MAX_TAG_VALUE);
            if (!journaled(() -> journal.append(JournalEntry.Kind.TAG, key, v, null, null,
                    System.currentTimeMillis()))) {
                direct("tag run " + runId, () -> client.setTag(runId, key, v));
            }
        }

        /**
         * Appends, unless the journal cannot be written (now or earlier): false then, and the caller sends the write
         * itself. The next metric point still throws the journal's failure, which stops the training.
         */
        private boolean journaled(Runnable append) {
            if (journal.failure() != null) {
                return false;
            }
            try {
                append.run();
                return true;
            } catch (UserError e) {
                if (journal.failure() == null) {
                    throw e;
                }
                return false;
            }
        }

        @Override
        public void logMetric(String key, double value, long step) {
            journal.append(JournalEntry.Kind.METRIC, key, null, value, step, System.currentTimeMillis());
        }

        @Override
        public void logArtifact(Path file, String artifactDir) {
            String rel = (artifactDir == null || artifactDir.isEmpty() ? "" : artifactDir + "/") + file.getFileName();
            journal.append(JournalEntry.Kind.ARTIFACT, rel, file.toAbsolutePath().toString(), null, null,
                    System.currentTimeMillis());
        }

        /** Sent directly (MLflow's Java client has no call for it), retried while the server is unreachable. */
        @Override
        public void logInputs(List<DatasetInput> inputs) {
            String body = DatasetInputs.json(runId, inputs);
            try {
                retrying("log the inputs of run " + runId, () -> client.sendPost("runs/log-inputs", body));
            } catch (UserError e) {
                System.err.println("polyhead: run " + runId + ": datasets not recorded as MLflow inputs: "
                        + e.getMessage());
            }
        }

        /**
         * Waits (bounded) until the server has the whole run; says where its journal is if it has not. While the
         * server is unreachable the wait is short, so a sweep goes on to its next trial (the sender keeps trying, and
         * {@link #close} waits the full drain timeout).
         */
        /**
         * The end of a run whose journal can no longer be written: what the journal holds is sent first (bounded, as
         * for any end), then the status goes straight to the server. The journal stays on disk if the server lacks
         * part of it.
         */
        private void endDirectly(RunStatus status) {
            sender.awaitDrained(List.of(journal), drainTimeout, UNREACHABLE_END_WAIT);
            direct("end run " + runId, () -> client.setTerminated(runId, Service.RunStatus.valueOf(status.name()),
                    System.currentTimeMillis()));
            if (journal.pending() + journal.refused().size() > 0) {
                reported.add(journal);
                System.err.println(unsentMessage(journal));
            }
            sender.release(journal);
        }

        @Override
        public void handOff() {
            live.remove(this);
            if (!sender.awaitDrained(List.of(journal), drainTimeout, UNREACHABLE_END_WAIT) || journal.pending() > 0) {
                System.err.println(unsentMessage(journal));  // the journal stays on disk for whoever reopens the run
            }
            sender.release(journal);
        }

        @Override
        public void end(RunStatus status) {
            live.remove(this);
            if (!journaled(() -> journal.append(JournalEntry.Kind.END, "status", status.name(), null, null,
                    System.currentTimeMillis()))) {
                endDirectly(status);
                return;
            }
            journal.force();
            boolean drained = sender.awaitDrained(List.of(journal), drainTimeout, UNREACHABLE_END_WAIT)
                    && journal.pending() == 0;
            if (!drained || !journal.refused().isEmpty()) {
                reported.add(journal);
                System.err.println(unsentMessage(journal));
            }
            if (drained) {
                sender.release(journal);  // kept on disk while it holds a refused entry
            }
        }
    }
}
