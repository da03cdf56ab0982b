package org.polyhead.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code polyhead} launcher: one subcommand per task. */
@Command(name = "polyhead", mixinStandardHelpOptions = true, version = org.polyhead.Polyhead.VERSION,
        description = "Multi-head transformer classifiers on SameDiff, with tracked experiments.",
        footer = {"", "Also, from the launcher only:",
                "  test        Run the whole test suite: ./polyhead test [mvn arguments].",
                "              Installs torch and transformers on first use (the",
                "              HuggingFace parity tests need them).",
                "", "'polyhead help COMMAND' or 'polyhead COMMAND --help' describes a command."},
        subcommands = {
                CommandLine.HelpCommand.class,
                QuickstartCommand.class,
                ReportCommand.class,
                PaperCommand.class,
                TrainCommand.class,
                PredictCommand.class,
                RegisterCommand.class,
                SweepCommand.class,
                MlflowCommand.class,
                EncodeCommand.class,
                DataCommand.class,
                SyncCommand.class,
                BenchCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        try {
            System.exit(commandLine().execute(args));
        } catch (LinkageError | RuntimeException e) {
            String backend = backendFailure(e);
            if (backend == null) {
                throw e;
            }
            System.err.println("polyhead: " + backend);
            System.exit(3);
        }
    }

    /**
     * A clear message when ND4J's backend cannot start (e.g. a -Pcuda build on a machine without a usable GPU or CUDA
     * 11.6 libraries), instead of a native stack trace; null if {@code e} is something else.
     */
    static String backendFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith("NoAvailableBackendException") || t instanceof UnsatisfiedLinkError) {
                return "the ND4J backend could not start (" + t.getMessage().lines().findFirst().orElse("") + "). "
                        + "A -Pcuda build needs an NVIDIA GPU with CUDA 11.6 libraries (sm_37-sm_86 kernels); "
                        + "rebuild without -Pcuda for the CPU backend.";
            }
        }
        return null;
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
