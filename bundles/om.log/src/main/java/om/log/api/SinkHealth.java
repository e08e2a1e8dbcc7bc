package om.log.api;

import java.time.Instant;

/**
 * Counters of one log sink since the process started. A sink never fails an action: its errors land here.
 *
 * @param sink        {@code file}, {@code syslog}, {@code collector} or {@code collector.delivery}
 * @param enabled     whether node.conf enables it now
 * @param written     lines (or calls) handed over successfully
 * @param errors      failed writes or deliveries
 * @param dropped     lines or calls thrown away because a bounded queue was full
 * @param pending     lines or calls waiting (syslog queue, collector spool), 0 when not applicable
 * @param lastError   one line, null when none
 * @param lastErrorAt when lastError happened, null when none
 */
public record SinkHealth(String sink, boolean enabled, long written, long errors, long dropped, long pending,
                         String lastError, Instant lastErrorAt) {
    /** True when the sink is enabled and has never failed nor dropped. */
    public boolean healthy() {
        return errors == 0 && dropped == 0;
    }
}
