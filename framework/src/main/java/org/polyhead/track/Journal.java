package org.polyhead.track;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.polyhead.UserError;

/**
 * The local, append-only record of one run's tracking writes ({@code <root>/<runId>/}): {@code entries.jsonl} holds
 * every entry in order, {@code sent} the sequence numbers the server has acknowledged (one line per delivered request,
 * {@code first-last} or a single number: exactly the entries that request carried), {@code refused} the entries the
 * server refused, each with its reason. Everything is written here before it is sent, so a server that is down or
 * restarts loses nothing: what is not acknowledged is sent again, by this process when the server is back or by a
 * later one ({@code polyhead sync}), and a refused entry is tried again by the next process and reported until it is
 * delivered. A lock file keeps two processes from sending the same journal; the folder is deleted only once the server
 * has acknowledged every entry in it.
 */
public final class Journal implements AutoCloseable {
    /** Journals open in this JVM: closing a second channel on a locked file would release the process's lock. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final Path dir;
    private final String runId;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel entries;
    private final Writer sent;
    private final Writer refusals;
    private final Deque<JournalEntry> unsent = new ArrayDeque<>();
    private final Map<Long, String> refused = new LinkedHashMap<>();
    private long nextSeq;
    private boolean closed;
    private boolean sealed;
    private UserError failure;

    private Journal(Path dir, FileChannel lockChannel, FileLock lock) throws IOException {
        this.dir = dir;
        this.runId = dir.getFileName().toString();
        this.lockChannel = lockChannel;
        this.lock = lock;
        Set<Long> acked = readAcked(dir.resolve("sent"));
        for (JournalEntry e : readEntries(dir.resolve("entries.jsonl"))) {
            nextSeq = Math.max(nextSeq, e.seq() + 1);
            if (!acked.contains(e.seq())) {
                unsent.add(e);  // refused by an earlier process too: tried again, and reported if refused again
            }
        }
        this.entries = lineAppender(dir.resolve("entries.jsonl"));
        this.sent = appender(dir.resolve("sent"));
        this.refusals = appender(dir.resolve("refused"));
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

    /**
     * Appends an entry (handed to the operating system before returning) and queues it for sending; null, and
     * nothing written, once the journal is {@link #seal sealed}. A write that fails (a full disk) is cut back to the
     * last whole line, and this and every later append throw one line naming the file: a run must not go on with
     * writes that are neither on disk nor sent.
     */
    public synchronized JournalEntry append(JournalEntry.Kind kind, String key, String value, Double number, Long step,
                                            long timestamp) {
        if (sealed) {
            return null;
        }
        if (failure != null) {
            throw failure;
        }
        JournalEntry e = new JournalEntry(nextSeq, kind, key, value, number, step, timestamp);
        writeLine(e);
        nextSeq++;
        unsent.add(e);
        return e;
    }

    /** The reason appends fail (the journal's file cannot be written), or null while it can be. */
    public synchronized UserError failure() {
        return failure;
    }

    /**
     * Writes the entry as one line; on failure truncates the file back to where the line began, so the journal holds
     * whole lines only (the kernel may have taken part of it before refusing the rest).
     */
    private void writeLine(JournalEntry e) {
        Path file = dir.resolve("entries.jsonl");
        long start = -1;
        try {
            ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8));
            start = entries.size();
            while (line.hasRemaining()) {
                entries.write(line);
            }
        } catch (IOException ex) {
            try {
                if (start >= 0) {
                    entries.truncate(start);
                }
            } catch (IOException ignored) {
                // a file that cannot even be cut keeps a partial last line, which readers skip
            }
            failure = new UserError("cannot write the tracking journal " + file + ": " + reason(ex), ex);
            throw failure;
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Appends a last entry (the run's end when its process is stopped) and drops whatever other threads append after
     * it, so that nothing follows the end.
     */
    public synchronized JournalEntry seal(JournalEntry.Kind kind, String key, String value, long timestamp) {
        JournalEntry last = append(kind, key, value, null, null, timestamp);
        sealed = true;
        return last;
    }

    /** Forces what was appended onto the disk (at a run's end: a power cut then loses nothing of the run). */
    public synchronized void force() {
        if (closed) {
            return;
        }
        try {
            entries.force(true);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the tracking journal " + dir.resolve("entries.jsonl"), ex);
        }
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

    /** Entries still to send (not counting those the server refused in this process). */
    public synchronized int pending() {
        return unsent.size();
    }

    /** Entries the server refused in this process, by sequence number, with the server's reason. */
    public synchronized Map<Long, String> refused() {
        return Map.copyOf(refused);
    }

    /** The server answered 2xx to the request that carried exactly these entries. */
    public synchronized void ack(List<JournalEntry> delivered) {
        if (closed || delivered.isEmpty()) {
            return;  // released while a request was in flight; the next process resends it (idempotently)
        }
        Set<Long> seqs = new HashSet<>();
        delivered.forEach(e -> seqs.add(e.seq()));
        unsent.removeIf(e -> seqs.contains(e.seq()));
        seqs.forEach(refused::remove);
        StringBuilder line = new StringBuilder();
        for (List<Long> run : consecutiveRuns(seqs)) {
            long first = run.get(0);
            long last = run.get(run.size() - 1);
            line.append(first == last ? Long.toString(first) : first + "-" + last).append('\n');
        }
        write(sent, line.toString());
    }

    /**
     * The server refused this entry as it is: it leaves the queue (so the rest goes on), stays in the journal with the
     * reason in {@code refused}, and is tried again by the next process that opens the journal.
     */
    public synchronized void refuse(JournalEntry entry, String reason) {
        if (closed) {
            return;
        }
        unsent.removeIf(e -> e.seq() == entry.seq());
        refused.put(entry.seq(), reason);
        try {
            write(refusals, JSON.writeValueAsString(Map.of("seq", entry.seq(), "reason", reason)) + "\n");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the tracking journal " + dir, ex);
        }
    }

    private void write(Writer w, String wholeLines) {
        try {
            w.write(wholeLines);
            w.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the tracking journal " + dir, ex);
        }
    }

    private static List<List<Long>> consecutiveRuns(Set<Long> seqs) {
        List<List<Long>> runs = new ArrayList<>();
        for (long s : new TreeSet<>(seqs)) {
            if (runs.isEmpty() || runs.get(runs.size() - 1).get(runs.get(runs.size() - 1).size() - 1) != s - 1) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(s);
        }
        return runs;
    }

    /** Releases the journal; deletes its folder when the server has all of it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean delivered = unsent.isEmpty() && refused.isEmpty();
        try {
            entries.close();
            sent.close();
            refusals.close();
            if (delivered) {
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
            if (delivered) {
                Files.deleteIfExists(dir.resolve("lock"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // what is unsent stays on disk; a folder that could not be removed is only clutter
        } finally {
            OPEN.remove(dir);
        }
    }

    /** The entries file, opened to append whole lines; a partial line a killed process left is ended first. */
    private static FileChannel lineAppender(Path file) throws IOException {
        boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (needsNewline) {
            ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
        return ch;
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

    /** The acknowledged sequence numbers: one line per delivered request, {@code first-last} or one number. */
    private static Set<Long> readAcked(Path file) throws IOException {
        Set<Long> acked = new HashSet<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] range = line.trim().split("-", 2);
                try {
                    long first = Long.parseLong(range[0]);
                    long last = range.length == 2 ? Long.parseLong(range[1]) : first;
                    for (long s = first; s <= last; s++) {
                        acked.add(s);
                    }
                } catch (NumberFormatException e) {
                    // a partial line from a killed process: those entries are sent again (idempotently)
                }
            }
        }
        return acked;
    }

    /** What a journal on disk still holds for the server (read without taking it over), for reports. */
    public static Backlog backlog(Path root, String runId) {
        Path dir = root.resolve(runId);
        try {
            Set<Long> acked = readAcked(dir.resolve("sent"));
            long left = readEntries(dir.resolve("entries.jsonl")).stream().filter(e -> !acked.contains(e.seq()))
                    .count();
            Map<Long, String> reasons = new LinkedHashMap<>();
            Path refusedFile = dir.resolve("refused");
            if (Files.exists(refusedFile)) {
                for (String line : Files.readAllLines(refusedFile, StandardCharsets.UTF_8)) {
                    try {
                        var node = JSON.readTree(line);
                        if (!acked.contains(node.path("seq").asLong())) {
                            reasons.put(node.path("seq").asLong(), node.path("reason").asText());
                        }
                    } catch (IOException e) {
                        // partial line
                    }
                }
            }
            return new Backlog(runId, dir, left, reasons);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tracking journal " + dir, e);
        }
    }

    /**
     * A journal's unsent entries as its files record them.
     *
     * @param left    entries the server has not acknowledged
     * @param refused of those, the ones a server refused, with its last reason
     */
    public record Backlog(String runId, Path dir, long left, Map<Long, String> refused) {}
}
