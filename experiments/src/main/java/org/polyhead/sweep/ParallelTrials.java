package org.polyhead.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.polyhead.run.TrialRunner;

/**
 * Runs a sweep's trials from a few threads at once (each waits on a {@link TrialExecutor}, which trains elsewhere) and
 * returns their results in plan order. A trial's own failure is its result; an exception (a user's mistake) stops the
 * sweep after the trials already sent.
 */
final class ParallelTrials {
    private ParallelTrials() {}

    static List<TrialRunner.Result> run(int n, IntFunction<TrialRunner.Result> one, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
        try {
            List<Future<TrialRunner.Result>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int trial = i;
                futures.add(pool.submit(() -> one.apply(trial)));
            }
            List<TrialRunner.Result> results = new ArrayList<>();
            for (Future<TrialRunner.Result> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sweep's trials", e);
        } finally {
            pool.shutdown();
        }
    }
}
