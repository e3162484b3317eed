package dev.hypertracker.mcp.stats;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the process's upstream counters as one line: periodically at INFO when anything changed since the last
 * line, and once when the server stops, so the quota a session cost is visible in the client's server log.
 */
public final class StatsReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatsReporter.class);

    private final UpstreamStats stats;
    private final ScheduledExecutorService timer;
    private Map<String, Object> last;
    private boolean closed;

    StatsReporter(UpstreamStats stats, ScheduledExecutorService timer) {
        this.stats = stats;
        this.timer = timer;
        this.last = stats.snapshot();
    }

    /** Reports every {@code interval} (if anything changed) on a daemon thread, and at {@link #close()}. */
    public static StatsReporter start(UpstreamStats stats, Duration interval) {
        return start(stats, interval, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stats-reporter");
            t.setDaemon(true);
            return t;
        }));
    }

    static StatsReporter start(UpstreamStats stats, Duration interval, ScheduledExecutorService timer) {
        StatsReporter reporter = new StatsReporter(stats, timer);
        timer.scheduleAtFixedRate(
                reporter::reportIfChanged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return reporter;
    }

    /** Without a timer: reports only when told (tests). */
    static StatsReporter manual(UpstreamStats stats) {
        return new StatsReporter(stats, null);
    }

    /** Logs the counters if they changed since the last line; true if it logged. */
    public synchronized boolean reportIfChanged() {
        Map<String, Object> now = stats.snapshot();
        if (closed || now.equals(last)) return false;
        last = now;
        log.info("upstream counters: {}", line(now));
        return true;
    }

    /** Stops the timer and logs the final counters (once). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (timer != null) timer.shutdownNow();
        log.info("upstream counters at exit: {}", line(stats.snapshot()));
    }

    static String line(Map<String, Object> counters) {
        return counters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
