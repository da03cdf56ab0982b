package org.polyhead.graph;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Runs a block with System.out silenced. SameDiff 1.0.0-M2.1 prints "Added differentiated op …" to stdout once per
 * op when it builds a gradient graph, which would bury the CLI's own output.
 */
public final class QuietStdout {
    private static final PrintStream NULL = new PrintStream(OutputStream.nullOutputStream());

    private QuietStdout() {}

    public static synchronized <T> T call(Supplier<T> block) {
        PrintStream out = System.out;
        System.setOut(NULL);
        try {
            return block.get();
        } finally {
            System.setOut(out);
        }
    }
}
