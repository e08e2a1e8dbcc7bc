package om.log.internal;

import om.log.api.SinkHealth;

/** Something whose failures are counted rather than thrown: sinks and the collector delivery thread. */
public interface HealthSource {
    SinkHealth health();
}
