package org.polyhead.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.polyhead.UserError;

/**
 * One trainer per trial checkpoint: a lock on {@code checkpoints/<config hash>.zip.lock}, held while the trial runs,
 * so that two sweeps of one spec in one folder never write the same checkpoint. The second one says so and waits;
 * once it holds the lock it looks again (a {@code --resume} then finds the trial FINISHED and skips it). The lock
 * file stays: deleting it would let a third process lock a file the second no longer sees.
 */
final class TrialLock implements AutoCloseable {
    private static final long POLL_MS = 1_000;
    /** Locks held in this JVM: the operating system's lock does not keep out a second channel of one process. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private TrialLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits until this process may train the trial whose checkpoint is {@code checkpoint}. */
    static TrialLock acquire(Path checkpoint, String trial) {
        Path file = checkpoint.resolveSibling(checkpoint.getFileName() + ".lock").toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            boolean waited = false;
            while (true) {
                FileLock lock = tryLock(file, channel);
                if (lock != null) {
                    if (waited) {
                        System.err.println("polyhead: trial '" + trial + "': the other process is done with it");
                    }
                    return new TrialLock(file, channel, lock);
                }
                if (!waited) {
                    System.err.println("polyhead: trial '" + trial + "' is being trained by another polyhead process "
                            + "(lock " + file + "); waiting for it");
                    waited = true;
                }
                Thread.sleep(POLL_MS);
            }
        } catch (IOException e) {
            throw new UserError("cannot lock the checkpoint of trial '" + trial + "' (" + file + "): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while waiting for trial '" + trial + "' (" + file + ")");
        }
    }

    private static FileLock tryLock(Path file, FileChannel channel) throws IOException {
        if (!HELD.add(file)) {
            return null;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                HELD.remove(file);
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            HELD.remove(file);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process's locks go with it
        } finally {
            HELD.remove(file);
        }
    }
}
