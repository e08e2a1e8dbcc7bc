package om.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.api.SinkHealth;
import org.junit.jupiter.api.Test;

class MultiplexerTest {
    private static final class Recording implements LogSink {
        final List<LogEvent> seen = new ArrayList<>();
        final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public void accept(LogEvent event) {
            seen.add(event);
        }

        @Override
        public SinkHealth health() {
            return new SinkCounters(name, Clock.systemUTC()).snapshot(true, 0);
        }
    }

    private static final class Broken implements LogSink {
        @Override
        public void accept(LogEvent event) {
            throw new IllegalStateException("boom");
        }

        @Override
        public SinkHealth health() {
            return new SinkCounters("broken", Clock.systemUTC()).snapshot(true, 0);
        }
    }

    @Test
    void aThrowingSinkNeitherReachesTheCallerNorStopsTheOthers() {
        Recording a = new Recording("a");
        Recording z = new Recording("z");
        Multiplexer m = new Multiplexer(List.of(z, new Broken(), a));
        LogEvent e = new LogEvent(Instant.now(), Level.INFO, "n1", "web", null, "start", "hello");
        m.log(e);
        m.log(e);
        assertEquals(2, a.seen.size());
        assertEquals(2, z.seen.size());
        assertEquals(List.of("a", "broken", "z"), m.health().stream().map(SinkHealth::sink).toList());
    }
}
