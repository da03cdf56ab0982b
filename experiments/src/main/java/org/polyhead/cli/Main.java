package org.polyhead.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code polyhead} launcher: one subcommand per task. */
@Command(name = "polyhead", mixinStandardHelpOptions = true, version = org.polyhead.Polyhead.VERSION,
        description = "Multi-head transformer classifiers on SameDiff, with tracked experiments.",
        subcommands = {
                CommandLine.HelpCommand.class,
                QuickstartCommand.class,
                TrainCommand.class,
                SweepCommand.class,
                MlflowCommand.class,
                EncodeCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; user mistakes print a one-line message and exit 2, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof org.polyhead.UserError) {
                commandLine.getErr().println("polyhead: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }
}
