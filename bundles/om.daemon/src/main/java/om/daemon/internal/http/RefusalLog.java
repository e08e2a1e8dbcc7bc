package om.daemon.internal.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides which refused requests get a node.log line: at most one a minute per remote address, the next one
 * saying how many were left out, so a client retrying wrong credentials in a loop cannot fill the log. Bounded:
 * the least recently refused addresses are forgotten past {@link #MAX_ADDRESSES}.
 */
final class RefusalLog {
    static final Duration PERIOD = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 1024;

    private record Entry(long loggedAt, long suppressed) {
    }

    private final LongSupplier nanos;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    RefusalLog(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** The line to log for this refusal, or null when it is one too many for this minute. */
    synchronized String refused(String remote, String why) {
        long now = nanos.getAsLong();
        Entry e = entries.get(remote);
        if (e != null && now - e.loggedAt() < PERIOD.toNanos()) {
            entries.put(remote, new Entry(e.loggedAt(), e.suppressed() + 1));
            return null;
        }
        long left = e == null ? 0 : e.suppressed();
        entries.put(remote, new Entry(now, 0));
        return "listener: refused a request from " + remote + ": " + why
                + (left > 0 ? " (and " + left + " more in the last minute)" : "");
    }
}
