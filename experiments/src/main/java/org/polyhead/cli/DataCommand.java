package org.polyhead.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.polyhead.data.DataHome;
import org.polyhead.data.DatasetRegistry;
import org.polyhead.data.DatasetStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code polyhead data list | show NAME}: what datasets there are, and their counts before anyone trains on them. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "List the datasets or show one's statistics.",
        subcommands = {DataCommand.ListCommand.class, DataCommand.ShowCommand.class})
public final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The built-in datasets with their task type; a .jsonl path works wherever a name does. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The built-in datasets and their task types.")
    static final class ListCommand implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (DatasetRegistry.Entry e : DatasetRegistry.entries()) {
                out.printf("%-22s %-10s %s%n", e.name(), e.kind().name().toLowerCase(), e.description());
            }
            out.println("(or a path to your own .jsonl file: see README, \"Data formats\")");
            out.flush();
        }
    }

    /** Statistics of one dataset by name or .jsonl path. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Counts per label per group / level, and words per text (min/median/p90/max).")
    static final class ShowCommand implements Runnable {
        @Parameters(paramLabel = "NAME", description = "a built-in dataset name or a path to a .jsonl file")
        String name;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Path home = DataHome.path();
            spec.commandLine().getOut().print(DatasetStats.describe(DatasetRegistry.load(name, home)));
            spec.commandLine().getOut().flush();
        }
    }
}
