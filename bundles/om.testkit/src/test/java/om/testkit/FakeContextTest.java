package om.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import om.api.action.ActionOptions;
import om.api.config.Keyword;
import om.api.config.KeywordType;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeContextTest {
    private static final List<Keyword> TABLE = List.of(
            Keyword.of("ipname", KeywordType.STRING, null, "address").withAliases("name"),
            Keyword.of("netmask", KeywordType.STRING, "24", "mask"));

    @TempDir
    Path tmp;

    @Test
    void keywordTableResolvesAliasesAndDefaults() {
        FakeContext c = FakeContext.builder().rid("ip#0").varDir(tmp).keywords(TABLE)
                .values("name", "10.0.0.1").build();
        assertEquals(Optional.of("10.0.0.1"), c.value("ipname"));
        assertEquals(Optional.of("24"), c.value("netmask"));
        assertFalse(c.config().isWritten("ip#0", "netmask"));
        c.set("netmask", null);
        assertEquals(Optional.empty(), c.value("netmask"), "a null value hides the default");
        assertTrue(c.config().isWritten("ip#0", "netmask"));
        c.unset("netmask");
        assertEquals(Optional.of("24"), c.value("netmask"));
    }

    @Test
    void literalValuesIgnoreAliasesAndDefaultsButKeepTheTable() {
        FakeContext c = FakeContext.builder().rid("ip#0").varDir(tmp).keywords(TABLE).literalValues()
                .values("name", "10.0.0.1").build();
        assertEquals(Optional.empty(), c.value("ipname"));
        assertEquals(Optional.empty(), c.value("netmask"));
        assertEquals(Optional.of("10.0.0.1"), c.value("name"));
        assertEquals("ipname", c.config().keyword("ip#0", "name").orElseThrow().name());
    }

    @Test
    void otherSectionsComeAfterTheResource() {
        FakeContext c = FakeContext.builder().path("prod/svc/web").rid("container#1").varDir(tmp.resolve("c1"))
                .section("container#0", "name", "pause").build();
        c.section("container#2", "image", "i");
        assertEquals(List.of("container#1", "container#0", "container#2"), c.config().rids());
        assertEquals(Optional.of("pause"), c.config().get("container#0", "name"));
        assertEquals(Optional.empty(), c.config().get("container#9", "name"));
        assertEquals("prod/svc/web", c.path().toString());
        assertEquals(tmp, c.objectVarDir());
        assertEquals("1", c.index());
    }

    @Test
    void oddKeyValuesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> FakeContext.builder().rid("app#0").values("start").build());
        assertThrows(IllegalStateException.class, () -> FakeContext.builder().build());
    }

    @Test
    void timeoutFallsBackFromActionToGeneralToDefault() {
        FakeContext c = FakeContext.builder().rid("task#0").varDir(tmp).defaultTimeout(Duration.ofSeconds(30)).build();
        assertEquals(Duration.ofSeconds(30), c.timeout("start"));
        c.set("timeout", "5s");
        assertEquals(Duration.ofSeconds(5), c.timeout("start"));
        c.set("start_timeout", "1m");
        assertEquals(Duration.ofMinutes(1), c.timeout("start"));
        assertEquals(Duration.ofSeconds(5), c.timeout("stop"));
    }

    @Test
    void varDirDefaultsToATemporaryObjectDir() {
        FakeContext c = FakeContext.builder().rid("fs#1").build();
        assertEquals("fs#1", c.varDir().getFileName().toString());
        assertTrue(c.objectVarDir().toFile().isDirectory());
    }

    @Test
    void logAndOptionsAreRecorded() {
        FakeContext c = FakeContext.of("app#0", tmp);
        c.info("one");
        c.warn("two");
        c.error("three");
        assertEquals(List.of("info one", "warn two", "error three"), c.log());
        assertEquals(List.of("one"), c.infos());
        assertEquals(List.of("two"), c.lines("warn"));
        ActionOptions dry = new ActionOptions(false, true, false, List.of(), null, List.of(), null);
        assertEquals(dry, c.options(dry).options());
        c.log().clear();
        assertEquals(List.of(), c.log());
    }

    @Test
    void execRunsForRealInCwdWithEnvAndLogsOutput() {
        FakeContext c = FakeContext.of("app#0", tmp);
        ExecRequest r = new ExecRequest(List.of("sh", "-c", "echo $FOO; pwd; echo oops >&2; exit 3"), tmp,
                Map.of("FOO", "bar"), Duration.ofSeconds(10), true);
        ExecResult res = c.exec(r);
        assertEquals(3, res.exitCode());
        assertEquals("bar\n" + tmp + "\n", res.stdout());
        assertEquals(List.of("info bar", "info " + tmp, "warn oops"), c.log());
        assertEquals(List.of(r), c.execs());
        assertEquals(List.of(r.argv()), c.argvs());
    }

    @Test
    void execWithoutLoggingKeepsTheLogEmpty() {
        FakeContext c = FakeContext.of("app#0", tmp);
        ExecResult res = c.exec(new ExecRequest(List.of("echo", "hi"), null, Map.of(), null, false));
        assertTrue(res.ok(), res.toString());
        assertEquals("hi\n", res.stdout());
        assertEquals(List.of(), c.log());
    }

    @Test
    void execTimeoutKillsTheChildrenToo() {
        FakeContext c = FakeContext.of("app#0", tmp);
        long t0 = System.nanoTime();
        ExecResult res = c.exec(ExecRequest.of(List.of("sh", "-c", "sleep 60 & sleep 60"), Duration.ofMillis(500)));
        assertTrue(res.timedOut());
        assertEquals(-1, res.exitCode());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "the pipes held by the children were closed");
    }

    @Test
    void aMissingProgramIsAnErrorNotAnException() {
        FakeContext c = FakeContext.of("task#0", tmp);
        ExecResult res = c.exec(ExecRequest.of(List.of("/nonexistent-om"), Duration.ofSeconds(5)));
        assertEquals(-1, res.exitCode());
        assertTrue(res.error().startsWith("cannot run '/nonexistent-om': "), res.error());
    }
}
