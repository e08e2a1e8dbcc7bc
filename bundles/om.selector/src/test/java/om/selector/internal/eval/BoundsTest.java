package om.selector.internal.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import om.api.Cancellation;
import om.api.OmException;
import om.api.ObjectPath;
import om.api.config.ObjectConfig;
import om.selector.internal.FakeConfig;
import om.selector.internal.parse.SelectorParser;
import org.junit.jupiter.api.Test;

/** Issue 8 item 13: a selector evaluation stops when its client goes away, and regexes run against a clock. */
class BoundsTest {
    /** Exponential for a backtracking engine: no split of the a's into 25 groups can end the value. */
    private static final String SLOW_REGEX = "app#2.start~(.*a){25}$";
    private static final String SLOW_VALUE = "a".repeat(40) + "b";

    private static ObjectConfig config(ObjectPath p, String ini) {
        return new FakeConfig(p, "n1", FakeConfig.parseIni(ini), Map.of());
    }

    private static List<ObjectPath> universe(int n) {
        return IntStream.range(0, n).mapToObj(i -> ObjectPath.parse(String.format("o%05d", i))).toList();
    }

    @Test
    void aBacktrackingRegexFailsWithOneLineWhenItsTimeIsUp() {
        List<ObjectPath> one = universe(1);
        ObjectConfig slow = config(one.get(0), "[app#2]\nstart = " + SLOW_VALUE + "\n");
        Evaluator e = new Evaluator(p -> Optional.of(slow));
        OmException x = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(OmException.class, () -> e.select(SelectorParser.parse(SLOW_REGEX), one)));
        assertEquals("regex '(.*a){25}$' took too long", x.getMessage());
        assertEquals(2, x.exitCode());
    }

    @Test
    void aNormalRegexIsUnaffected() {
        List<ObjectPath> one = universe(1);
        ObjectConfig cfg = config(one.get(0), "[app#2]\nstart = " + "a".repeat(40) + "\n");
        Evaluator e = new Evaluator(p -> Optional.of(cfg));
        assertEquals(one, e.select(SelectorParser.parse("app#2.start~^(a|aa)*$"), one));
    }

    @Test
    void theRegexTimeOfAnEvaluationIsBoundedAsAWhole() {
        // every value alone is within a generous per-match bound; together they exceed the total
        List<ObjectPath> objects = universe(50);
        ObjectConfig slow = config(objects.get(0), "[app#2]\nstart = " + SLOW_VALUE + "\n");
        Evaluator e = new Evaluator(p -> Optional.of(slow));
        Bounds bounds = new Bounds(Cancellation.NONE, Duration.ofHours(1), Duration.ofMillis(300));
        OmException x = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(OmException.class, () -> e.select(SelectorParser.parse(SLOW_REGEX), objects,
                        bounds)));
        assertEquals("regex '(.*a){25}$' took too long", x.getMessage());
    }

    @Test
    void cancellingStopsARunningRegex() throws Exception {
        List<ObjectPath> one = universe(1);
        ObjectConfig slow = config(one.get(0), "[app#2]\nstart = " + SLOW_VALUE + "\n");
        Evaluator e = new Evaluator(p -> Optional.of(slow));
        Cancellation cancel = new Cancellation();
        Bounds bounds = new Bounds(cancel, Duration.ofHours(1), Duration.ofHours(1));
        Thread canceller = new Thread(() -> {
            sleep(200);
            cancel.cancel("client disconnected");
        });
        canceller.start();
        Cancellation.CancelledException x = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(Cancellation.CancelledException.class,
                        () -> e.select(SelectorParser.parse(SLOW_REGEX), one, bounds)));
        assertEquals("client disconnected", x.getMessage());
        canceller.join();
    }

    /** The parallel chunks of a large universe all stop soon after the cancel, not at the end of their chunk. */
    @Test
    void cancellingStopsTheParallelChunks() {
        List<ObjectPath> objects = universe(20_000);
        Cancellation cancel = new Cancellation();
        AtomicInteger loads = new AtomicInteger();
        Object lock = new Object();
        Evaluator e = new Evaluator(p -> {
            // the 100th load and its cancel are one step for the other chunks: a canceller descheduled between the
            // two (a loaded CI machine) would otherwise let them load on, and the test would measure the scheduler
            synchronized (lock) {
                if (loads.incrementAndGet() == 100) {
                    cancel.cancel("client disconnected");
                }
            }
            return Optional.empty();
        });
        assertThrows(Cancellation.CancelledException.class,
                () -> e.select(SelectorParser.parse("app:"), objects, cancel));
        // each chunk loads at most the object it is on when the cancel comes
        assertTrue(loads.get() < 100 + 4 * Runtime.getRuntime().availableProcessors() * 4, "loads: " + loads);
    }

    @Test
    void aCancelledCallerEvaluatesNothing() {
        Cancellation cancel = new Cancellation();
        cancel.cancel("client disconnected");
        AtomicInteger loads = new AtomicInteger();
        Evaluator e = new Evaluator(p -> {
            loads.incrementAndGet();
            return Optional.empty();
        });
        assertThrows(Cancellation.CancelledException.class,
                () -> e.select(SelectorParser.parse("app:"), universe(10), cancel));
        assertEquals(0, loads.get());
    }

    /** A regex failing in one parallel chunk fails the evaluation with its own message, and stops the others. */
    @Test
    void aSlowRegexInAParallelChunkFailsTheEvaluation() {
        List<ObjectPath> objects = universe(5_000);
        ObjectConfig fast = config(objects.get(0), "[app#2]\nstart = x\n");
        ObjectConfig slow = config(objects.get(0), "[app#2]\nstart = " + SLOW_VALUE + "\n");
        Evaluator e = new Evaluator(p -> Optional.of(p.name().equals("o04000") ? slow : fast));
        OmException x = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(OmException.class, () -> e.select(SelectorParser.parse(SLOW_REGEX), objects)));
        assertEquals("regex '(.*a){25}$' took too long", x.getMessage());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
