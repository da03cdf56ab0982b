package org.polyhead.spark;

import java.nio.file.Path;
import org.polyhead.cli.Main;
import picocli.CommandLine;

/**
 * The CLI with Spark on the class path: every command of {@link Main}, plus {@code spark start|stop|status}; the
 * launcher uses it for {@code spark} and for {@code sweep --parallel N} or {@code --master}.
 */
public final class SparkMain {
    private SparkMain() {}

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("polyhead.home",
                System.getenv().getOrDefault("POLYHEAD_HOME", "."))).toAbsolutePath().normalize();
        CommandLine cl = Main.commandLine().addSubcommand(new SparkCommand(home));
        System.exit(cl.execute(args));
    }
}
