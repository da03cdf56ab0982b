package org.polyhead.track;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends journaled entries to MLflow on one background thread: consecutive metrics, params and tags go together in
 * logBatch requests within the server's per-request limits, artifacts and ends one by one, in journal order. When the
 * server cannot be reached it retries with exponential backoff (training never waits); what the server refuses is
 * found one entry at a time, reported and set aside in the journal with its reason, so one bad value does not hold
 * back the rest and is not lost either.
 */
final class Sender implements AutoCloseable {
    static final int MAX_ENTRIES = 1000;
    static final int MAX_METRICS = 1000;
    static final int MAX_PARAMS = 100;
    static final int MAX_TAGS = 100;
    static final int MAX_BYTES = 800_000;  // MLflow refuses requests over 1 MB
    private static final long FIRST_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 8_000;
    private static final long LINGER_MS = 500;  // entries gather this long into one request

    private final MlflowRest rest;
    private final List<Journal> journals = new CopyOnWriteArrayList<>();
    private final Set<Journal> orphaned = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile String problem;

    Sender(MlflowRest rest) {
        this.rest = rest;
        this.thread = new Thread(this::loop, "mlflow-sender");
        thread.setDaemon(true);
        thread.start();
    }

    void add(Journal journal) {
        journals.add(journal);
        wake();
    }

    synchronized void wake() {
        notifyAll();
    }

    /** Why the last attempt failed, if the server is currently unreachable. */
    String problem() {
        return problem;
    }

    /** Waits at most {@code timeout} until the journals have nothing left to send here; true if they have not. */
    boolean awaitDrained(Collection<Journal> which, Duration timeout) {
        return awaitDrained(which, timeout, timeout);
    }

    /**
     * Like {@link #awaitDrained(Collection, Duration)}, but gives up after {@code whileFailing} if the server is still
     * unreachable then.
     */
    boolean awaitDrained(Collection<Journal> which, Duration timeout, Duration whileFailing) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long failingDeadline = start + whileFailing.toNanos();
        synchronized (this) {
            notifyAll();  // cuts a backoff short: try now
            while (which.stream().anyMatch(j -> j.pending() > 0 && !orphaned.contains(j))) {
                long now = System.nanoTime();
                long left = (deadline - now) / 1_000_000;
                if (left <= 0 || (problem != null && now > failingDeadline)) {
                    return false;
                }
                try {
                    wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Stops sending a journal and closes it (deleting it when the server has all of it). */
    void release(Journal journal) {
        journals.remove(journal);
        orphaned.remove(journal);
        journal.close();
    }

    List<Journal> journals() {
        return List.copyOf(journals);
    }

    @Override
    public void close() {
        stopped = true;
        wake();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long backoff = FIRST_BACKOFF_MS;
        while (!stopped) {
            boolean sent = false;
            String failure = null;
            for (Journal j : journals) {
                if (orphaned.contains(j)) {
                    continue;
                }
                List<JournalEntry> batch = nextBatch(j.unsent(MAX_ENTRIES));
                if (batch.isEmpty()) {
                    continue;
                }
                try {
                    deliver(j, batch);
                    sent = true;
                } catch (RuntimeException e) {  // the sender must outlive any one failure; the entries stay journaled
                    failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                    break;
                } catch (MlflowRest.Retry e) {
                    failure = e.getMessage();
                    break;
                } catch (MlflowRest.UnknownRun e) {
                    orphaned.add(j);
                    System.err.println("polyhead: run " + j.runId() + " is unknown to the tracking server (" + e.getMessage()
                            + "); its journal stays in " + j.dir() + " for `polyhead sync` against the right server");
                }
            }
            synchronized (this) {
                notifyAll();
                problem = failure;
                try {
                    if (failure != null) {
                        wait(backoff);
                        backoff = Math.min(2 * backoff, MAX_BACKOFF_MS);
                    } else {
                        backoff = FIRST_BACKOFF_MS;
                        if (!sent) {
                            wait(LINGER_MS);
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void deliver(Journal j, List<JournalEntry> batch) throws MlflowRest.Retry, MlflowRest.UnknownRun {
        try {
            send(j.runId(), batch);
            j.ack(batch);
        } catch (MlflowRest.Rejected e) {
            if (batch.size() > 1) {
                for (JournalEntry one : batch) {
                    deliver(j, List.of(one));
                }
            } else {
                System.err.println("polyhead: MLflow refused " + describe(batch.get(0)) + " of run " + j.runId()
                        + ": " + e.getMessage() + "; it stays in " + j.dir());
                j.refuse(batch.get(0), e.getMessage());
            }
        }
    }

    private void send(String runId, List<JournalEntry> batch)
            throws MlflowRest.Retry, MlflowRest.Rejected, MlflowRest.UnknownRun {
        JournalEntry first = batch.get(0);
        switch (first.kind()) {
            case ARTIFACT -> rest.upload(runId, Path.of(first.value()), first.key());
            case END -> rest.end(runId, first.value(), first.timestamp());
            default -> rest.logBatch(runId, batch);
        }
    }

    /**
     * The longest prefix that goes in one request: an artifact or an end alone; otherwise metrics, params and tags up
     * to MLflow's limits (1000 entries, 1000 metrics, 100 params, 100 tags, 1 MB), and no key twice among params or
     * tags (the server refuses repeated params, and a later tag must overwrite an earlier one).
     */
    static List<JournalEntry> nextBatch(List<JournalEntry> unsent) {
        if (unsent.isEmpty()) {
            return List.of();
        }
        JournalEntry first = unsent.get(0);
        if (first.kind() == JournalEntry.Kind.ARTIFACT || first.kind() == JournalEntry.Kind.END) {
            return List.of(first);
        }
        List<JournalEntry> batch = new ArrayList<>();
        Set<String> params = new HashSet<>();
        Set<String> tags = new HashSet<>();
        int metrics = 0;
        long bytes = 0;
        for (JournalEntry e : unsent) {
            boolean fits = switch (e.kind()) {
                case METRIC -> metrics < MAX_METRICS;
                case PARAM -> params.size() < MAX_PARAMS && !params.contains(e.key());
                case TAG -> tags.size() < MAX_TAGS && !tags.contains(e.key());
                default -> false;
            };
            long size = 64 + e.key().length() + (e.value() == null ? 0 : e.value().length());
            if (!fits || batch.size() == MAX_ENTRIES || bytes + size > MAX_BYTES) {
                break;
            }
            switch (e.kind()) {
                case METRIC -> metrics++;
                case PARAM -> params.add(e.key());
                default -> tags.add(e.key());
            }
            bytes += size;
            batch.add(e);
        }
        return batch;
    }

    private static String describe(JournalEntry e) {
        return e.kind().name().toLowerCase() + " '" + e.key() + "'";
    }
}
