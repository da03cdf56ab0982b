package org.polyhead.sweep;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another process holding a trial's checkpoint lock, for tests: {@code LockHolder CHECKPOINT} prints {@code locked}
 * once it holds the lock and releases it when its standard input closes.
 */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws IOException {
        try (TrialLock lock = TrialLock.acquire(Path.of(args[0]), "held")) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold until the test closes the pipe
            }
        }
    }
}
