package org.polyhead.spark;

import java.nio.file.Path;
import org.polyhead.cli.Main;
import picocli.CommandLine;

/**
 * The CLI with Spark on the class path: every command of {@link Main}, plus {@code spark start|stop|status}; the
 * launcher uses it for {@code spark}, for {@code sweep --parallel N} or {@code --master}, and for the top-level help,
 * so that {@code ./polyhead --help} lists {@code spark} with the other commands.
 */
public final class SparkMain {
    private SparkMain() {}

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("polyhead.home",
                System.getenv().getOrDefault("POLYHEAD_HOME", "."))).toAbsolutePath().normalize();
        System.exit(commandLine(home).execute(args));
    }

    /** {@link Main#commandLine()} with the {@code spark} command. */
    static CommandLine commandLine(Path home) {
        return Main.commandLine().addSubcommand(new SparkCommand(home));
    }
}
