package org.polyhead.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.polyhead.track.Journal;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.OrphanRuns;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Command;

/**
 * {@code polyhead sync}: sends what runs journaled while the tracking server was unreachable. Any later polyhead run
 * does the same on its way; this command does it without training anything. Its counts are read from the journals
 * on disk before and after, so "delivered" means acknowledged by the server and "kept" means still on disk. Whether
 * or not there was a journal, it then ends the runs whose process is gone ({@link OrphanRuns}).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Send tracking entries journaled under .polyhead/journal while the MLflow server was unreachable "
                + "(to $MLFLOW_TRACKING_URI, else the local server). Exits 0 when everything was delivered.")
public final class SyncCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path root = Trackers.journalRoot(Home.path());
        List<String> runs = Journal.runs(root);
        long before = left(root, runs);
        String uri;
        List<String> orphans;
        try (MlflowTracker tracker = Trackers.fromEnvironment(Home.path())) {
            uri = tracker.uri();
            orphans = OrphanRuns.close(tracker);  // with no journal too: a process killed with -9 may have sent all
        }
        List<Journal.Backlog> kept = Journal.runs(root).stream().map(r -> Journal.backlog(root, r))
                .filter(b -> b.left() > 0).toList();
        long left = kept.stream().mapToLong(Journal.Backlog::left).sum();
        if (runs.isEmpty()) {
            out.println("nothing to sync: no journal under " + root);
        } else {
            out.printf("synced %d entries of %d run(s) to %s%n", before - left, runs.size(), uri);
        }
        for (Journal.Backlog b : kept) {
            out.printf("kept: %d entries in %s%s%n", b.left(), b.dir(), b.refused().isEmpty() ? ""
                    : " (" + b.refused().size() + " refused: " + b.refused().values().iterator().next() + ")");
        }
        if (!orphans.isEmpty()) {
            out.printf("ended as KILLED: %d run(s) whose process is gone: %s%n", orphans.size(), orphans);
        }
        out.flush();
        return kept.isEmpty() ? 0 : 1;
    }

    private static long left(Path root, List<String> runs) {
        return runs.stream().mapToLong(r -> Journal.backlog(root, r).left()).sum();
    }
}
