package org.polyhead.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.polyhead.track.Journal;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Command;

/**
 * {@code polyhead sync}: sends what runs journaled while the tracking server was unreachable. Any later polyhead run
 * does the same on its way; this command does it without training anything.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Send tracking entries journaled under .polyhead/journal while the MLflow server was unreachable "
                + "(to $MLFLOW_TRACKING_URI, else the local server).")
public final class SyncCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        Path root = Trackers.journalRoot(Home.path());
        List<String> runs = Journal.runs(root);
        if (runs.isEmpty()) {
            out.println("nothing to sync: no journal under " + root);
            return 0;
        }
        try (MlflowTracker tracker = Trackers.fromEnvironment(Home.path())) {
            MlflowTracker.Replay r = tracker.replayed();
            out.printf("synced %d entries of %d run(s) to %s%n", r.sent(), r.runs(), tracker.uri());
            if (r.left() > 0 || r.runs() < runs.size()) {
                out.printf("not synced: %d entries in %s%s%n", r.left(), r.kept(),
                        r.runs() < runs.size() ? "; " + (runs.size() - r.runs()) + " journal(s) in use by a running process" : "");
                return 1;
            }
            return 0;
        } finally {
            out.flush();
        }
    }
}
