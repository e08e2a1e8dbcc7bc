package om.driver.app.internal;

import om.api.action.ActionBracket;
import om.api.driver.Retcodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import om.api.config.Keyword;
import om.api.driver.ActionException;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

/** Elapsed formatting, retcodes, limits, the keyword table and /proc/stat parsing. */
class ValuesParsingTest {
    @Test
    void elapsedLooksLikeOpenSvc() {
        assertEquals("0:00:00.001864", ActionBracket.elapsed(Duration.ofNanos(1_864_123)));
        assertEquals("0:00:00.000000", ActionBracket.elapsed(Duration.ZERO));
        assertEquals("1:02:03.500000", ActionBracket.elapsed(Duration.ofSeconds(3723, 500_000_000)));
        assertEquals("26:00:59.000001", ActionBracket.elapsed(Duration.ofHours(26).plusSeconds(59).plusNanos(1000)));
    }

    @Test
    void retcodesDefaultAndOverride() throws Exception {
        Retcodes def = Retcodes.parse(null);
        assertEquals(Status.UP, def.status(0));
        assertEquals(Status.DOWN, def.status(1));
        assertEquals(Status.WARN, def.status(3));
        Retcodes custom = Retcodes.parse("0:down 1:up 2:n/a 3:warn");
        assertEquals(Status.DOWN, custom.status(0));
        assertEquals(Status.UP, custom.status(1));
        assertEquals(Status.NA, custom.status(2));
        assertEquals(Status.WARN, custom.status(5));
    }

    @Test
    void badRetcodesAreOneLineErrors() {
        ActionException e = assertThrows(ActionException.class, () -> Retcodes.parse("0:up x:down"));
        assertEquals("invalid retcodes entry 'x:down': expected <code>:<status>", e.getMessage());
        assertThrows(ActionException.class, () -> Retcodes.parse("0:running"));
        assertThrows(ActionException.class, () -> Retcodes.parse("0"));
    }

    @Test
    void limitsConvertUnitsAndVmemFallsBackToAs() throws Exception {
        Map<String, String> written = Map.of("limit_vmem", "1g", "limit_cpu", "1m", "limit_fsize", "unlimited",
                "limit_nproc", "50");
        ResourceLimits l = ResourceLimits.parse(k -> Optional.ofNullable(written.get(k)));
        assertEquals(List.of("--as=1073741824", "--cpu=60", "--fsize=unlimited", "--nproc=50"), l.options());
        ResourceLimits both = ResourceLimits.parse(k -> Optional.ofNullable(
                Map.of("limit_as", "2k", "limit_vmem", "1g").get(k)));
        assertEquals(List.of("--as=2048"), both.options());
        assertThrows(ActionException.class,
                () -> ResourceLimits.parse(k -> k.equals("limit_nofile") ? Optional.of("many") : Optional.empty()));
    }

    @Test
    void keywordTableIsComplete() {
        List<String> names = AppKeywords.all().stream().map(Keyword::name).toList();
        for (String k : List.of("script", "start", "stop", "check", "info", "cwd", "user", "group", "umask",
                "environment", "timeout", "start_timeout", "stop_timeout", "check_timeout", "info_timeout",
                "retcodes", "status_log", "limit_as", "limit_core", "limit_cpu", "limit_data", "limit_fsize",
                "limit_memlock", "limit_nofile", "limit_nproc", "limit_rss", "limit_stack", "limit_vmem")) {
            assertTrue(names.contains(k), k);
        }
        assertEquals(names.size(), Set.copyOf(names).size());
        AppKeywords.all().forEach(k -> assertTrue(k.doc() != null && k.doc().endsWith("."), k.name()));
        assertEquals("0:up 1:down", AppKeywords.all().stream().filter(k -> k.name().equals("retcodes"))
                .findFirst().orElseThrow().defaultValue());
    }

    @Test
    void procStatCountsFieldsAfterTheLastParenthesis() {
        String line = "4242 (a (weird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 "
                + "1000 200 18446744073709551615";
        ProcStat s = ProcStat.parse(line).orElseThrow();
        assertEquals(4242, s.pid());
        assertEquals('S', s.state());
        assertEquals(4242, s.pgrp());
        assertEquals(987654, s.startTime());
        assertTrue(ProcStat.parse("garbage").isEmpty());
        ProcStat self = ProcStat.read(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(self.alive());
        assertTrue(self.startTime() > 0);
    }
}
