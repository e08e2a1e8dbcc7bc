package om.daemon.internal.cluster;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one log line a minute per sender for dropped messages (heartbeats-and-daemon.md section 5): a node
 * with the wrong secret sending every second must not fill the log. Thread-safe, never blocks; counts the drops
 * left unsaid so the next line tells them.
 */
final class DropLog {
    static final Duration EVERY = Duration.ofMinutes(1);
    /** Senders remembered at most: garbage from anywhere must not grow the table without end. */
    static final int MAX_SENDERS = 1024;

    private record Mark(long at, long silenced) {
    }

    private final ConcurrentHashMap<String, Mark> marks = new ConcurrentHashMap<>();
    private final long every;

    DropLog(Duration every) {
        this.every = every.toNanos();
    }

    /**
     * Whether to log a drop from {@code sender} now; when true, {@code silenced} (one slot) holds the drops not
     * logged since the previous line. -1 when not to log.
     */
    long due(String sender, long now) {
        String key = sender == null ? "" : sender;
        if (marks.size() >= MAX_SENDERS && !marks.containsKey(key)) {
            key = "*";
        }
        long[] out = {-1};
        marks.compute(key, (k, m) -> {
            if (m == null || now - m.at() >= every) {
                out[0] = m == null ? 0 : m.silenced();
                return new Mark(now, 0);
            }
            return new Mark(m.at(), m.silenced() + 1);
        });
        return out[0];
    }
}
