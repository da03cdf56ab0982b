package org.polyhead.track;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local, append-only record of one run's tracking writes ({@code <root>/<runId>/}): {@code entries.jsonl} holds
 * every entry in order, {@code sent} the sequence numbers the server has acknowledged. Everything is written here
 * before it is sent, so a server that is down or restarts loses nothing: what is not acknowledged is sent again, by
 * this process when the server is back or by a later one ({@code polyhead sync}). A lock file keeps two processes from
 * sending the same journal; the folder is deleted once everything in it has been acknowledged.
 */
public final class Journal implements AutoCloseable {
    /** Journals open in this JVM: closing a second channel on a locked file would release the process's lock. */
    private static final java.util.Set<Path> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final Path dir;
    private final String runId;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Writer entries;
    private final Writer sent;
    private final Deque<JournalEntry> unsent = new ArrayDeque<>();
    private long nextSeq;
    private boolean closed;

    private Journal(Path dir, FileChannel lockChannel, FileLock lock) throws IOException {
        this.dir = dir;
        this.runId = dir.getFileName().toString();
        this.lockChannel = lockChannel;
        this.lock = lock;
        long acked = readAcked(dir.resolve("sent"));
        for (JournalEntry e : readEntries(dir.resolve("entries.jsonl"))) {
            nextSeq = Math.max(nextSeq, e.seq() + 1);
            if (e.seq() > acked) {
                unsent.add(e);
            }
        }
        this.entries = appender(dir.resolve("entries.jsonl"));
        this.sent = appender(dir.resolve("sent"));
    }

    /** The journal of a run, created if absent; empty if another process (or tracker) is sending it. */
    public static Optional<Journal> open(Path root, String runId) {
        try {
            Path dir = Files.createDirectories(root.resolve(runId)).toAbsolutePath().normalize();
            if (!OPEN.add(dir)) {
                return Optional.empty();
            }
            try {
                FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    ch.close();
                    OPEN.remove(dir);
                    return Optional.empty();
                }
                return Optional.of(new Journal(dir, ch, lock));
            } catch (IOException | RuntimeException e) {
                OPEN.remove(dir);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the tracking journal under " + root.resolve(runId), e);
        }
    }

    /** Run ids with a journal under {@code root} (left by an earlier process, or in use by another). */
    public static List<String> runs(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.exists(p.resolve("entries.jsonl"))).map(p -> p.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public String runId() {
        return runId;
    }

    public Path dir() {
        return dir;
    }

    /** Appends an entry (flushed to the operating system before returning) and queues it for sending. */
    public synchronized JournalEntry append(JournalEntry.Kind kind, String key, String value, Double number, Long step,
                                            long timestamp) {
        JournalEntry e = new JournalEntry(nextSeq++, kind, key, value, number, step, timestamp);
        try {
            entries.write(JSON.writeValueAsString(e));
            entries.write('\n');
            entries.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the tracking journal " + dir, ex);
        }
        unsent.add(e);
        return e;
    }

    /** The oldest unacknowledged entries, at most {@code max}. */
    public synchronized List<JournalEntry> unsent(int max) {
        List<JournalEntry> out = new ArrayList<>(Math.min(max, unsent.size()));
        for (JournalEntry e : unsent) {
            if (out.size() == max) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    public synchronized int pending() {
        return unsent.size();
    }

    /** The server has everything up to and including {@code seq}. */
    public synchronized void ack(long seq) {
        if (closed) {
            return;  // released while a request was in flight; the next process resends it (idempotently)
        }
        while (!unsent.isEmpty() && unsent.peekFirst().seq() <= seq) {
            unsent.removeFirst();
        }
        try {
            sent.write(seq + "\n");
            sent.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the tracking journal " + dir, ex);
        }
    }

    /** Releases the journal; deletes its folder when the server has all of it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            entries.close();
            sent.close();
            if (unsent.isEmpty()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir) && !p.getFileName().toString().equals("lock")) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
            lock.release();
            lockChannel.close();
            if (unsent.isEmpty()) {
                Files.deleteIfExists(dir.resolve("lock"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // what is unsent stays on disk; a folder that could not be removed is only clutter
        } finally {
            OPEN.remove(dir);
        }
    }

    private static Writer appender(Path file) throws IOException {
        boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (needsNewline) {
            w.write('\n');  // a process killed mid-line left a partial entry; the next one starts on its own line
        }
        return w;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, ch.size() - 1);
            return b.get(0) == '\n';
        }
    }

    private static List<JournalEntry> readEntries(Path file) throws IOException {
        List<JournalEntry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readValue(line, JournalEntry.class));
            } catch (IOException e) {
                // a partial line from a killed process: it was never acknowledged, and nothing after it depends on it
            }
        }
        return out;
    }

    private static long readAcked(Path file) throws IOException {
        long acked = -1;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    acked = Math.max(acked, Long.parseLong(line.trim()));
                } catch (NumberFormatException e) {
                    // partial line
                }
            }
        }
        return acked;
    }
}
