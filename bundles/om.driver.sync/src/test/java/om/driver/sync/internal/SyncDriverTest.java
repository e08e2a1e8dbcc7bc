package om.driver.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.status.LogEntry;
import om.api.status.Status;
import om.testkit.FakeContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncDriverTest {
    private static final String SSH = "ssh -q -o StrictHostKeyChecking=no -o ForwardX11=no -o BatchMode=yes";
    private static final Set<String> ALL = Set.of("nodes", "drpnodes");

    private final SyncDriver driver = new SyncDriver();

    @TempDir
    Path tmp;

    private ScriptedContext ctx(String... kv) {
        return new ScriptedContext(FakeContext.builder().path("web1").rid("sync#0").node("n1")
                .varDir(tmp.resolve("var/sync#0")).keywords(SyncKeywords.all()).defaultTimeout(Duration.ofHours(1))
                .section("DEFAULT", "nodes", "n1 n2 n3", "drpnodes", "d1").values(kv).build());
    }

    private static List<String> rsync(String... middle) {
        List<String> out = new java.util.ArrayList<>(List.of("rsync", "-HAXpogDtrlvx", "--stats", "--delete",
                "--force"));
        out.addAll(List.of(middle));
        return out;
    }

    @Test
    void theLabelNamesSrcAndTargets() {
        assertEquals("rsync /srv/data/ to nodes, drpnodes",
                driver.label(ctx("src", "/srv/data/", "target", "nodes drpnodes")));
        assertEquals("rsync /a /b to nodes", driver.label(ctx("src", "/a /b", "target", "nodes")));
    }

    @Test
    void syncNodesCopiesToEveryOtherNodeAndRecordsEachPeer() throws Exception {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "nodes drpnodes");
        driver.sync(c, Set.of("nodes"));
        assertEquals(List.of(
                List.of("ssh", "-q", "-o", "StrictHostKeyChecking=no", "-o", "ForwardX11=no", "-o", "BatchMode=yes",
                        "n2", "mkdir -p /srv/data/"),
                rsync("--timeout=3600", "-e", SSH, "/srv/data/", "n2:/srv/data/"),
                List.of("ssh", "-q", "-o", "StrictHostKeyChecking=no", "-o", "ForwardX11=no", "-o", "BatchMode=yes",
                        "n3", "mkdir -p /srv/data/"),
                rsync("--timeout=3600", "-e", SSH, "/srv/data/", "n3:/srv/data/")), c.commands());
        assertTrue(c.fake.infos().contains("rsync -HAXpogDtrlvx --stats --delete --force --timeout=3600 -e '" + SSH
                + "' /srv/data/ n3:/srv/data/"), c.fake.log().toString());
        assertTrue(Files.exists(c.varDir().resolve("last_sync_n2")));
        assertTrue(Files.exists(c.varDir().resolve("last_sync_n3")));
        assertFalse(Files.exists(c.varDir().resolve("last_sync_d1")), "not asked for drp");
        assertFalse(Files.exists(c.varDir().resolve("last_sync_n1")), "never to itself");
        Instant at = LastSync.read(c.varDir(), "n2").orElseThrow();
        assertTrue(Duration.between(at, Instant.now()).abs().toMinutes() < 1);
    }

    @Test
    void syncAllCopiesToNodesAndDrpnodesEachPeerOnce() throws Exception {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "drpnodes nodes");
        c.fake.section("DEFAULT", "drpnodes", "d1 n2");
        driver.sync(c, ALL);
        List<String> peers = c.commands().stream().filter(a -> a.get(0).equals("rsync"))
                .map(a -> a.get(a.size() - 1).split(":")[0]).toList();
        assertEquals(List.of("d1", "n2", "n3"), peers, "target order, then each peer once");
    }

    @Test
    void syncDrpCopiesOnlyToDrpnodes() throws Exception {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "nodes drpnodes");
        driver.sync(c, Set.of("drpnodes"));
        assertEquals(List.of(rsync("--timeout=3600", "-e", SSH, "/srv/data/", "d1:/srv/data/")),
                c.commands().stream().filter(a -> a.get(0).equals("rsync")).toList());
    }

    @Test
    void aTargetNotAskedForIsNothingToDo() throws Exception {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "nodes");
        driver.sync(c, Set.of("drpnodes"));
        assertEquals(List.of(), c.argvs);
        assertEquals(List.of("nothing to sync to drpnodes (target = nodes)"), c.fake.infos());
    }

    @Test
    void optionsTimeoutAndBwlimitGoWhereTheSpecSays() throws Exception {
        ScriptedContext c = ctx("src", "/srv/a/ /srv/b", "dst", "/backup/", "target", "drpnodes",
                "options", "--exclude '*.tmp' --numeric-ids", "bwlimit", "2048", "timeout", "90s");
        driver.sync(c, ALL);
        assertEquals(List.of(rsync("--exclude", "*.tmp", "--numeric-ids", "--timeout=90", "--bwlimit=2048", "-e", SSH,
                "/srv/a/", "/srv/b", "d1:/backup/")), c.commands().stream().filter(a -> a.get(0).equals("rsync"))
                .toList());
        assertTrue(c.timeouts.contains(Duration.ofSeconds(90)), "each copy bounded by the timeout");
    }

    @Test
    void resetOptionsDropsTheDefaults() throws Exception {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "drpnodes", "reset_options", "true",
                "options", "-a --delete");
        driver.sync(c, ALL);
        assertEquals(List.of("rsync", "-a", "--delete", "--timeout=3600", "-e", SSH, "/srv/data/", "d1:/srv/data/"),
                c.commands().get(1));
    }

    @Test
    void theSyncTimeoutOfTheObjectApplies() throws Exception {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "drpnodes", "sync_timeout", "2m");
        driver.sync(c, ALL);
        assertTrue(c.commands().get(1).contains("--timeout=120"), c.commands().toString());
    }

    @Test
    void aclsAndXattrsAreDroppedWhereThisRsyncLacksThemAndTheVersionIsReadOnce() throws Exception {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "nodes");
        c.script = argv -> ScriptedContext.ok(argv.contains("--version")
                ? "rsync version 3.1.2\nCapabilities:\n    64-bit files, no ACLs, no xattrs, iconv\n" : "");
        driver.sync(c, ALL);
        driver.sync(c, ALL);
        assertEquals("-HpogDtrlvx", c.commands().get(1).get(1));
        assertEquals(1, c.argvs.stream().filter(a -> a.contains("--version")).count());
    }

    @Test
    void capabilitiesParse() {
        assertEquals(new RsyncCapabilities(true, true), RsyncCapabilities.parse(ScriptedContext.VERSION));
        assertEquals(new RsyncCapabilities(false, true), RsyncCapabilities.parse("append, no ACLs, xattrs, iconv"));
        assertEquals(new RsyncCapabilities(true, false), RsyncCapabilities.parse("ACLs, ACL-at, no xattrs"));
        assertEquals(new RsyncCapabilities(false, false), RsyncCapabilities.parse("64-bit files"));
        assertEquals("-HpogDtrlvx", RsyncCommand.flags(new RsyncCapabilities(false, false)));
        assertEquals("-HApogDtrlvx", RsyncCommand.flags(new RsyncCapabilities(true, false)));
    }

    @Test
    void withoutDstEachSrcLandsAtItsOwnPath() throws Exception {
        Path file = Files.writeString(tmp.resolve("app.conf"), "x");
        ScriptedContext c = ctx("src", "/srv/data " + file, "target", "drpnodes");
        driver.sync(c, ALL);
        assertEquals(List.of(
                List.of("ssh", "-q", "-o", "StrictHostKeyChecking=no", "-o", "ForwardX11=no", "-o", "BatchMode=yes",
                        "d1", "mkdir -p /srv/"),
                rsync("--timeout=3600", "-e", SSH, "/srv/data", "d1:/srv/"),
                List.of("ssh", "-q", "-o", "StrictHostKeyChecking=no", "-o", "ForwardX11=no", "-o", "BatchMode=yes",
                        "d1", "mkdir -p " + tmp + "/"),
                rsync("--timeout=3600", "-e", SSH, file.toString(), "d1:" + tmp + "/")), c.commands());
    }

    @Test
    void aFileDstNeedsOnlyItsParent() {
        assertEquals("/etc", new RsyncCommand(List.of("/nonexistent/app.conf"), "/etc/app.conf").remoteDir());
        assertEquals("/etc/app/", new RsyncCommand(List.of("/nonexistent/app.conf"), "/etc/app/").remoteDir());
        assertEquals("/dst", new RsyncCommand(List.of("/a/", "/b"), "/dst").remoteDir());
        assertEquals("'/my dir/'", List.of(new RsyncCommand(List.of("/a/"), "/my dir/").mkdirArgv("n2")
                .get(9).split(" ", 3)).get(2));
    }

    @Test
    void aFailedPeerIsLoggedAndTheOthersStillGetTheirCopy() {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "nodes");
        c.script = argv -> argv.contains("n2:/srv/data/")
                ? ScriptedContext.failed("rsync: connection unexpectedly closed", 255)
                : ScriptedContext.ok(argv.contains("--version") ? ScriptedContext.VERSION : "");
        ActionException e = assertThrows(ActionException.class, () -> driver.sync(c, ALL));
        assertEquals("sync to n2 failed", e.getMessage());
        assertTrue(c.commands().stream().anyMatch(a -> a.contains("n3:/srv/data/")), "n3 still copied");
        assertFalse(Files.exists(c.varDir().resolve("last_sync_n2")));
        assertTrue(Files.exists(c.varDir().resolve("last_sync_n3")));
        assertTrue(c.fake.lines("error").get(0).endsWith("failed: rsync: connection unexpectedly closed"
                + " (exit code 255)"), c.fake.log().toString());
    }

    @Test
    void aFailedMkdirFailsThatPeerWithoutItsRsync() {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "nodes");
        c.script = argv -> argv.contains("n2") ? ScriptedContext.failed("Permission denied (publickey).", 255)
                : ScriptedContext.ok(argv.contains("--version") ? ScriptedContext.VERSION : "");
        assertThrows(ActionException.class, () -> driver.sync(c, ALL));
        assertFalse(c.commands().stream().anyMatch(a -> a.contains("n2:/srv/data/")));
    }

    @Test
    void snapIsRefusedWithOneLine() {
        ScriptedContext c = ctx("src", tmp + "/", "target", "nodes", "snap", "true");
        ActionException e = assertThrows(ActionException.class, () -> driver.sync(c, ALL));
        assertTrue(e.getMessage().matches("snap = true is not supported here \\(src on [^)]+\\)"), e.getMessage());
        assertEquals(List.of(), c.commands());
    }

    @Test
    void noPeerIsNothingToCopy() throws Exception {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "nodes");
        c.fake.section("DEFAULT", "nodes", "n1");
        driver.sync(c, ALL);
        assertEquals(List.of(), c.argvs);
        assertEquals(CheckResult.of(Status.NA), driver.status(c));
    }

    @Test
    void statusNaWithoutTargetPeers() {
        assertEquals(CheckResult.of(Status.NA), driver.status(ctx("src", "/srv/data/")), "no target");
        ScriptedContext c = ctx("src", "/srv/data/", "target", "drpnodes");
        c.fake.section("DEFAULT", "drpnodes", "");
        assertEquals(CheckResult.of(Status.NA), driver.status(c), "no drpnodes");
    }

    @Test
    void statusWarnsForAPeerNeverSyncedOrSyncedTooLongAgo() throws Exception {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "nodes", "max_delay", "1h");
        assertEquals(new CheckResult(Status.WARN, List.of(LogEntry.warn("n2 never synced"),
                LogEntry.warn("n3 never synced"))), driver.status(c));
        LastSync.write(c.varDir(), "n2", Instant.now().minus(Duration.ofMinutes(30)));
        LastSync.write(c.varDir(), "n3", Instant.now().minus(Duration.ofHours(2)));
        assertEquals(new CheckResult(Status.WARN, List.of(LogEntry.warn("n3 last sync is too old"))),
                driver.status(c));
        LastSync.write(c.varDir(), "n3", Instant.now());
        assertEquals(CheckResult.of(Status.UP), driver.status(c));
    }

    @Test
    void maxDelayDefaultsToTheObjectsSyncMaxDelayThenOneDayThreeHours() throws Exception {
        ScriptedContext c = ctx("src", "/srv/data/", "target", "drpnodes");
        LastSync.write(c.varDir(), "d1", Instant.now().minus(Duration.ofHours(26)));
        assertEquals(CheckResult.of(Status.UP), driver.status(c), "within 1d3h");
        c.fake.section("DEFAULT", "sync_max_delay", "1d");
        assertEquals(Status.WARN, driver.status(c).status());
        c.fake.set("max_delay", "2d");
        assertEquals(Status.UP, driver.status(c).status(), "the resource's own wins");
    }

    @Test
    void badKeywordsAreOneLine() {
        assertEquals(Status.UNDEF, driver.status(ctx("src", "/a/", "target", "nodes", "max_delay", "soon")).status());
        ActionException e = assertThrows(ActionException.class,
                () -> driver.sync(ctx("src", "/a/", "target", "elsewhere"), ALL));
        assertEquals("invalid target 'elsewhere': expected nodes and/or drpnodes", e.getMessage());
        assertThrows(ActionException.class, () -> driver.sync(ctx("target", "nodes"), ALL));
        assertThrows(ActionException.class, () -> driver.sync(ctx("src", "/a/", "target", "nodes", "bwlimit", "x"),
                ALL));
    }
}
