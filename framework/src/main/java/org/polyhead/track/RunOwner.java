package org.polyhead.track;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The process that logs a run, recorded on the run as tags {@code polyhead.pid}, {@code polyhead.host} and
 * {@code polyhead.pid_start} (the process's start time, so a pid the system has since given to another process is not
 * mistaken for the owner). A run still RUNNING whose owner on this host is gone was stopped without ending it (kill
 * -9, a power cut); {@link OrphanRuns} ends it as KILLED.
 */
record RunOwner(long pid, String host, long startMillis) {
    static final String PID = "polyhead.pid";
    static final String HOST = "polyhead.host";
    static final String PID_START = "polyhead.pid_start";

    /** This process. */
    static RunOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new RunOwner(self.pid(), thisHost(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /** The owner a run's tags name, if they name one. */
    static Optional<RunOwner> of(Map<String, String> tags) {
        try {
            return Optional.of(new RunOwner(Long.parseLong(tags.get(PID)), tags.get(HOST),
                    Long.parseLong(tags.getOrDefault(PID_START, "0"))));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    Map<String, String> tags() {
        return Map.of(PID, Long.toString(pid), HOST, host, PID_START, Long.toString(startMillis));
    }

    /** Whether this owner is a process on this host that is still alive (the same process, not a reused pid). */
    boolean aliveHere() {
        if (!host.equals(thisHost())) {
            return true;  // another machine's process cannot be checked from here: assume it lives
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(startMillis) == startMillis)
                .orElse(false);
    }

    private static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
