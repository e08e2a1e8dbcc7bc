package om.log.internal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import om.api.action.ActionBracket;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.api.LogLine;
import org.junit.jupiter.api.Test;

class LineFormatTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final Instant AT = LocalDateTime.of(2025, 1, 10, 9, 12, 3, 123_000_000).atZone(ZONE).toInstant();

    @Test
    void allContextFieldsInSpecOrder() {
        LogEvent e = new LogEvent(AT, Level.INFO, "n1", "web1", "app#0", "start", "start done in 0:00:00.104311 - ret 0",
                "3f0c", "g1", false, "monitor");
        assertEquals("2025-01-10 09:12:03,123 INFO sid:3f0c n:n1 c:monitor o:web1 rs:g1 r:app#0 sc:n | "
                + "start done in 0:00:00.104311 - ret 0\n", LineFormat.format(e, ZONE));
    }

    @Test
    void emptyFieldsAreOmittedAndLevelsSpelledOut() {
        LogEvent e = new LogEvent(AT, Level.WARN, "n1", null, null, null, "hb#1 stale", null, null, false, "hb");
        assertEquals("2025-01-10 09:12:03,123 WARNING n:n1 c:hb | hb#1 stale\n", LineFormat.format(e, ZONE));
        LogEvent sched = new LogEvent(AT, Level.ERROR, "n1", "ns1/vol/v", null, "stop", "x", null, null, true, null);
        assertEquals("2025-01-10 09:12:03,123 ERROR n:n1 o:ns1/vol/v sc:y | x\n", LineFormat.format(sched, ZONE));
        assertEquals("DEBUG", LineFormat.level(Level.DEBUG));
    }

    @Test
    void bracketLinesHaveNoComponentField() {
        ActionBracket b = ActionBracket.begin(AT, "n1", "web1", "start", List.of("--rid", "app#0"),
                ActionBracket.Origin.USER, "s1");
        assertEquals("2025-01-10 09:12:03,123 INFO sid:s1 n:n1 o:web1 sc:n | do start --rid app#0 (origin user)\n",
                LineFormat.format(b.toEvent(), ZONE));
        ActionBracket done = b.done(AT.plus(Duration.ofMillis(1500)), "up", true);
        assertEquals("done start in 0:00:01.500000, instance status is now up, with warnings", done.message());
        ActionBracket failed = b.failed(AT.plus(Duration.ofSeconds(3725)), "app#0: exit 1");
        assertEquals("failed start in 1:02:05.000000: app#0: exit 1", failed.message());
        assertEquals(Level.ERROR, failed.toEvent().level());
    }

    @Test
    void multiLineMessagesBecomeWholeLines() {
        LogEvent e = new LogEvent(AT, Level.INFO, "n1", "web1", null, "start", "one\ntwo");
        String s = LineFormat.format(e, ZONE);
        assertEquals(2, s.split("\n").length);
        assertTrue(s.endsWith("sc:n | two\n"));
    }

    @Test
    void parsesWhatItWrites() {
        LogEvent e = new LogEvent(AT, Level.WARN, "n1", "web1", "fs#1", "stop", "a | b", "s1", "g", true, null);
        String text = LineFormat.format(e, ZONE).strip();
        LogLine l = LineFormat.parse(text, ZONE);
        assertEquals(AT, l.at());
        assertEquals(Level.WARN, l.level());
        assertEquals("s1", l.sid());
        assertEquals("n1", l.node());
        assertEquals("web1", l.path());
        assertEquals("g", l.subset());
        assertEquals("fs#1", l.rid());
        assertTrue(l.scheduled());
        assertEquals("a | b", l.message());
        assertNull(l.component());
        assertEquals(text, l.text());
    }

    @Test
    void parsesIsoLinesAndRejectsGarbage() {
        LogLine l = LineFormat.parse("2025-01-10T09:12:03.123+01:00 INFO daemon started", ZONE);
        assertEquals(AT, l.at());
        assertEquals("daemon started", l.message());
        assertNull(LineFormat.parse("not a line", ZONE));
        assertNull(LineFormat.parse("2025-01-10 09:12:03,123 LOUD | x", ZONE));
        assertFalse(LineFormat.parse("2025-01-10 09:12:03,123 INFO | x", ZONE).scheduled());
    }
}
