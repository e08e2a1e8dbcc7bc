package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import om.api.ObjectPath;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.Status;
import om.api.status.StatusService;
import om.log.api.LogLine;
import om.log.api.LogReader;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import org.junit.jupiter.api.Test;

class LsLogsVerbTest {
    private final Fakes.Store store = new Fakes.Store("a1", "a2", "a3");
    private final Map<String, Status> avail = Map.of("a1", Status.UP, "a2", Status.DOWN, "a3", Status.WARN);
    private final StatusService status = new StatusService() {
        @Override
        public InstanceStatus get(ObjectPath path) {
            return Fakes.status(path.canonical(), avail.get(path.canonical()));
        }

        @Override
        public InstanceStatus refresh(ObjectPath path) {
            return get(path);
        }
    };
    private final List<String> reads = new ArrayList<>();
    private final LogReader logs = new LogReader() {
        @Override
        public List<LogLine> read(ObjectPath path, Instant since) {
            reads.add((path == null ? "node" : path.canonical()) + " " + (since == null ? "all"
                    : Math.round(Duration.between(since, Instant.now()).toSeconds() / 60.0) + "m"));
            return List.of(new LogLine(Instant.EPOCH, Level.INFO, null, "n1", null, null, null, null, false, "hi",
                    "line of " + path));
        }

        @Override
        public Follow follow(ObjectPath path, Instant since, java.util.function.Consumer<LogLine> callback) {
            throw new UnsupportedOperationException();
        }
    };
    private final OmCommandRunner runner = new OmCommandRunner(Fakes.services("n1", store, null, logs, status));

    @Test
    void lsFiltersOnTheDeclaredStatuses() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, c, "ls", "--status", "up,warn"));
        assertEquals("a1\na3\n", c.out());
        Fakes.Call j = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, j, "a1,a2", "ls", "--format", "json"));
        assertEquals(List.of("a1", "a2"), List.of(j.out().replaceAll("[\\[\\]\"\\s]", "").split(",")));
    }

    @Test
    void logsSinceReadsFromThatDuration() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, c, "a1,a3", "logs", "--since", "10m"));
        assertEquals(List.of("a1 10m", "a3 10m"), reads);
        assertEquals("line of a1\nline of a3\n", c.out());
        reads.clear();
        assertEquals(0, Fakes.run(runner, new Fakes.Call(), "node", "logs"));
        assertEquals(List.of("node all"), reads);
    }

    @Test
    void logsRefusesWhatItDoesNotImplement() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, c, "a1", "logs", "--format", "flat_json"));
        assertEquals("error: invalid value 'flat_json' for --format: expected json\n", c.err());
        Fakes.Call d = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, d, "a1", "logs", "--since", "yesterday"));
        assertTrue(d.err().startsWith("error: invalid value 'yesterday' for --since: expected a duration"));
        assertTrue(reads.isEmpty());
    }
}
