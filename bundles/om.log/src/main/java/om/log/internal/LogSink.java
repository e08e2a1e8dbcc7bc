package om.log.internal;

import om.api.action.LogEvent;

/**
 * One destination of the multiplexer. Registered as a DS service with property {@code om.log.sink=<name>}.
 * {@link #accept} returns quickly and never throws: failures are counted in {@link #health()}.
 */
public interface LogSink extends HealthSource {
    String PROPERTY = "om.log.sink";

    void accept(LogEvent event);
}
