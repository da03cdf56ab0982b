package org.polyhead.cli;

import java.util.concurrent.Callable;
import org.polyhead.track.MlflowServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polyhead mlflow start|stop|status}: the project's local tracking server. */
@Command(name = "mlflow", mixinStandardHelpOptions = true, description = "Manage the local MLflow tracking server.",
        subcommands = {MlflowCommand.Start.class, MlflowCommand.Stop.class, MlflowCommand.Status.class})
public final class MlflowCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the server (sqlite under .polyhead/, 127.0.0.1) or show the running one.")
    static final class Start implements Callable<Integer> {
        @Option(names = "--port", description = "port on 127.0.0.1 (default: a free port)")
        int port;

        @Override
        public Integer call() {
            System.out.println("MLflow UI at " + MlflowServer.ofProject(Home.path()).start(port));
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the server started by polyhead.")
    static final class Stop implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(MlflowServer.ofProject(Home.path()).stop() ? "stopped" : "no server was running");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the server is running.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            var url = MlflowServer.ofProject(Home.path()).running();
            System.out.println(url.map(u -> "running at " + u).orElse("not running"));
            return url.isPresent() ? 0 : 3;
        }
    }
}
