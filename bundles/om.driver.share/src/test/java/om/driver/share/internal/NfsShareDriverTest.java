package om.driver.share.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import om.api.action.ActionOptions;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.status.Level;
import om.api.status.LogEntry;
import om.api.status.Status;
import om.driver.share.internal.ExportTable.Export;
import om.testkit.FakeContext;
import om.testkit.Os;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** share.nfs for real with exportfs (no NFS server needed), checked with {@code exportfs -v}. */
class NfsShareDriverTest {
    @TempDir
    Path tmp;
    private final NfsShareDriver driver = new NfsShareDriver();
    private String dir;
    private int fsid;

    @BeforeEach
    void makeDir() throws Exception {
        dir = Files.createDirectories(tmp.resolve("export")).toRealPath().toString();
        // fsids must be unique among exports: random keeps parallel runs apart
        fsid = ThreadLocalRandom.current().nextInt(1000, 60000);
    }

    @AfterEach
    void unexportEverythingOfThisTest() {
        for (Export e : exports()) {
            if (e.path().startsWith(tmp.toString())) {
                Os.run("exportfs", "-u", (e.client().equals("<world>") ? "*" : e.client()) + ":" + e.path());
            }
        }
    }

    private static List<Export> exports() {
        return ExportTable.parse(Os.ok("exportfs", "-v")).exports();
    }

    private List<String> clientsOf(String path) {
        return exports().stream().filter(e -> e.path().equals(path)).map(Export::client).toList();
    }

    private FakeContext ctx(String opts) {
        return context("path", dir, "opts", opts);
    }

    private FakeContext context(String... kv) {
        return FakeContext.builder().rid("share#0").varDir(tmp.resolve("var")).keywords(ShareKeywords.all())
                .defaultTimeout(Duration.ofSeconds(20)).values(kv).build();
    }

    @Test
    void startExportsEachClientStatusFollowsAndStopUnexports() throws Exception {
        String opts = "127.0.0.1(ro,fsid=" + fsid + ") 127.0.0.2(rw,no_root_squash) *(ro)";
        FakeContext c = ctx(opts);
        assertEquals(Status.DOWN, driver.status(c).status());
        assertEquals("nfs " + dir, driver.label(c));

        driver.start(c);

        assertEquals(List.of("exportfs -o ro,fsid=" + fsid + " 127.0.0.1:" + dir,
                "exportfs -o rw,no_root_squash 127.0.0.2:" + dir, "exportfs -o ro '*:" + dir + "'"), c.infos());
        assertEquals(java.util.Set.of("127.0.0.1", "127.0.0.2", "<world>"), java.util.Set.copyOf(clientsOf(dir)));
        Export first = exports().stream().filter(e -> e.path().equals(dir) && e.client().equals("127.0.0.1"))
                .findFirst().orElseThrow();
        assertTrue(first.options().containsAll(List.of("ro", "fsid=" + fsid)), first.toString());
        assertEquals(CheckResult.of(Status.UP), driver.status(c));

        FakeContext s = ctx(opts);
        driver.stop(s);
        assertEquals(List.of("exportfs -u 127.0.0.1:" + dir, "exportfs -u 127.0.0.2:" + dir, "exportfs -u '*:" + dir + "'"),
                s.infos());
        assertEquals(List.of(), clientsOf(dir));
        assertEquals(CheckResult.of(Status.DOWN), driver.status(s));
    }

    @Test
    void someEntriesExportedIsWarnAndStartCompletesThem() throws Exception {
        String opts = "127.0.0.1(ro,fsid=" + fsid + ") 127.0.0.2(ro)";
        driver.start(ctx(opts));
        Os.ok("exportfs", "-u", "127.0.0.2:" + dir);

        CheckResult r = driver.status(ctx(opts));
        assertEquals(Status.WARN, r.status());
        assertEquals(List.of(LogEntry.warn("127.0.0.2:" + dir + " is not exported")), r.log());

        FakeContext c = ctx(opts);
        driver.start(c);
        assertEquals(List.of("exportfs -o ro 127.0.0.2:" + dir), c.infos());
        assertEquals(Status.UP, driver.status(c).status());
    }

    @Test
    void anEntryExportedWithContraryOptionsIsWarnAndStartFixesIt() throws Exception {
        String opts = "127.0.0.1(ro,fsid=" + fsid + ")";
        Os.ok("exportfs", "-o", "rw,fsid=" + fsid, "127.0.0.1:" + dir);

        CheckResult r = driver.status(ctx(opts));
        assertEquals(Status.WARN, r.status());
        assertEquals(Level.WARN, r.log().get(0).level());
        assertTrue(r.log().get(0).message().matches("127\\.0\\.0\\.1:" + dir + " is exported with .*rw.*, not ro"),
                r.log().toString());

        driver.start(ctx(opts));
        assertEquals(Status.UP, driver.status(ctx(opts)).status());
        assertTrue(exports().stream().filter(e -> e.path().equals(dir)).findFirst().orElseThrow().options()
                .contains("ro"));
    }

    @Test
    void aClientThatCannotBeExportedFailsTheStartAndLeavesNothingExported() {
        FakeContext c = ctx("127.0.0.1(ro,fsid=" + fsid + ") no-such-host.invalid(ro)");
        ActionException e = assertThrows(ActionException.class, () -> driver.start(c));
        assertEquals("no-such-host.invalid:" + dir + " is not exported", e.getMessage());
        assertEquals(List.of(), clientsOf(dir));
        assertTrue(c.infos().contains("exportfs -u 127.0.0.1:" + dir), c.log().toString());
        // exportfs's own explanation reaches the action log
        assertTrue(c.lines("warn").stream().anyMatch(l -> l.contains("no-such-host.invalid")), c.log().toString());
    }

    @Test
    void dryRunLogsButExportsNothing() throws Exception {
        FakeContext c = ctx("127.0.0.1(ro,fsid=" + fsid + ")");
        c.options(new ActionOptions(false, true, false, List.of(), null, List.of(), null));
        driver.start(c);
        assertEquals(List.of("exportfs -o ro,fsid=" + fsid + " 127.0.0.1:" + dir), c.infos());
        assertEquals(List.of(), clientsOf(dir));
    }

    @Test
    void badInputFailsWithOneLine() {
        FakeContext missing = context("path", dir + "/nope", "opts", "127.0.0.1(ro)");
        assertEquals("path " + dir + "/nope does not exist",
                assertThrows(ActionException.class, () -> driver.start(missing)).getMessage());
        assertEquals("share#0.opts is not set", assertThrows(ActionException.class,
                () -> driver.start(context("path", dir))).getMessage());
        assertEquals("share#0.path is not set", assertThrows(ActionException.class,
                () -> driver.start(context("opts", "*(ro)"))).getMessage());
        assertEquals("invalid path 'rel/dir': not an absolute path", assertThrows(ActionException.class,
                () -> driver.start(context("path", "rel/dir", "opts", "*(ro)")))
                .getMessage());
        CheckResult r = driver.status(ctx("a(ro"));
        assertEquals(Status.UNDEF, r.status());
        assertEquals("invalid opts entry 'a(ro': expected <client>(<options>)", r.log().get(0).message());
        assertEquals(List.of(), clientsOf(dir));
    }

    @Test
    void stopOfAnUnexportedShareDoesNothing() throws Exception {
        FakeContext c = ctx("127.0.0.1(ro)");
        driver.stop(c);
        assertTrue(c.log().isEmpty(), c.log().toString());
    }

    @Test
    void aTrailingSlashInPathStillMatchesTheExport() throws Exception {
        FakeContext c = context("path", dir + "/", "opts", "127.0.0.1(ro)");
        driver.start(c);
        assertEquals(List.of("127.0.0.1"), clientsOf(dir));
        assertEquals(Status.UP, driver.status(c).status());
        assertFalse(c.infos().isEmpty());
    }
}
