package om.core.internal.action;

import static om.core.internal.action.EngineFixture.opts;
import static om.core.internal.action.EngineFixture.rids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionOptions;
import om.api.action.ActionResult;
import om.api.status.Level;
import om.api.status.Status;
import om.core.internal.driver.FakeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionEngineImplTest {
    @TempDir
    Path root;
    private EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(root);
    }

    @Test
    void startFollowsGroupOrderAndSkipsSyncAndTask() {
        f.web1();
        ActionResult r = f.run("start", ActionOptions.defaults());
        assertTrue(r.ok(), r.error());
        assertNull(r.error());
        assertEquals(List.of("ip#0", "disk#0", "fs#0", "share#0", "container#0", "app#0", "app#1"), f.calls("start"));
        assertEquals(Status.UP, r.status().avail());
        assertTrue(Files.exists(f.inst.varDir(ObjectPath.parse("web1")).resolve("last_start")));
        assertTrue(f.log.has("app#0", Level.INFO, "started app#0"));
    }

    @Test
    void stopIsTheExactReverse() {
        f.web1();
        f.run("start", ActionOptions.defaults());
        ActionResult r = f.run("stop", ActionOptions.defaults());
        assertTrue(r.ok(), r.error());
        assertEquals(List.of("app#1", "app#0", "container#0", "share#0", "fs#0", "disk#0", "ip#0"), f.calls("stop"));
        assertEquals(Status.DOWN, r.status().avail());
    }

    @Test
    void alreadyUpAndAlreadyDownAreLoggedNotActed() {
        f.web1();
        f.driver("app").states.put("app#0", Status.UP);
        f.run("start", rids("app"));
        assertEquals(List.of("app#1"), f.calls("start"));
        assertTrue(f.log.has("app#0", Level.INFO, "fake app#0 is already up"), f.log.lines().toString());
        f.driver("app").states.put("app#1", Status.DOWN);
        f.run("stop", rids("app"));
        assertEquals(List.of("app#0"), f.calls("stop"));
        assertTrue(f.log.has("app#1", Level.INFO, "fake app#1 is already down"));
    }

    @Test
    void ridFilterTakesRidsGlobsAndGroups() {
        f.web1().set("fs#1", "type", "flag");
        f.run("start", rids("fs#*", "app#1", "ip"));
        assertEquals(List.of("ip#0", "fs#0", "fs#1", "app#1"), f.calls("start"));
    }

    @Test
    void filtersIntersect() {
        f.web1().set("app#0", "tags", "web front").set("app#1", "tags", "db").set("fs#0", "tags", "web")
                .set("app#0", "subset", "s1").set("fs#0", "subset", "s2");
        f.run("start", opts(false, false, false, List.of("app"), "web", List.of()));
        assertEquals(List.of("app#0"), f.calls("start"));
        f.journal.clear();
        f.run("start", opts(false, false, false, List.of(), "web+front,db", List.of()));
        assertEquals(List.of("app#1"), f.calls("start"), "app#0 is already up now");
        f.journal.clear();
        f.run("start", opts(false, false, false, List.of(), null, List.of("s2", "s3")));
        assertEquals(List.of("fs#0"), f.calls("start"));
    }

    @Test
    void anEmptySelectionIsAnError() {
        f.web1().set("app#0", "tags", "web");
        OmException e = assertThrows(OmException.class,
                () -> f.run("start", opts(false, false, false, List.of("fs"), "web", List.of())));
        assertEquals("no resource match the given --rid, --subsets and --tags specifiers", e.getMessage());
        assertThrows(OmException.class, () -> f.run("stop", rids("app#9")));
        assertTrue(f.calls("start").isEmpty());
    }

    @Test
    void standbyResourcesAreNotStoppedWithoutForce() {
        f.web1().set("disk#0", "standby", "true");
        f.run("start", ActionOptions.defaults());
        f.run("stop", ActionOptions.defaults());
        assertFalse(f.calls("stop").contains("disk#0"));
        assertTrue(f.log.has("disk#0", Level.INFO, "skip 'stop' on standby resource (--force to override)"));
        f.run("stop", opts(true, false, false, List.of(), null, List.of()));
        assertTrue(f.calls("stop").contains("disk#0"));
    }

    @Test
    void disabledAndNoactionResourcesAreSkipped() {
        f.web1().set("app#0", "disable", "true").set("fs#0", "tags", "noaction");
        assertTrue(f.run("start", ActionOptions.defaults()).ok());
        assertEquals(List.of("ip#0", "disk#0", "share#0", "container#0", "app#1"), f.calls("start"));
    }

    @Test
    void anOptionalResourceErrorIsLoggedAndTheActionGoesOn() {
        f.web1().set("app#0", "optional", "true");
        f.driver("app").failStart.add("app#0");
        ActionResult r = f.run("start", ActionOptions.defaults());
        assertTrue(r.ok());
        assertTrue(f.calls("start").contains("app#1"));
        assertTrue(f.log.has("app#0", Level.ERROR, "start of app#0 failed on purpose"));
        assertTrue(f.calls("stop").isEmpty());
    }

    @Test
    void aFailedStartRollsBackWhatItStartedInReverse() {
        f.web1();
        f.driver("fs").states.put("fs#0", Status.UP);
        f.driver("app").failStart.add("app#1");
        ActionResult r = f.run("start", ActionOptions.defaults());
        assertFalse(r.ok());
        assertEquals("app#1: start of app#1 failed on purpose", r.error());
        assertTrue(f.log.has("app#1", Level.ERROR, "start of app#1 failed on purpose"));
        // fs#0 was up before: not this action's to stop
        assertEquals(List.of("app#0", "container#0", "share#0", "disk#0", "ip#0"), f.calls("stop"));
        assertFalse(Files.exists(f.inst.varDir(ObjectPath.parse("web1")).resolve("last_start")));
    }

    @Test
    void noRollbackWhenDisabledByOptionOrKeyword() {
        f.web1().set("DEFAULT", "rollback", "false");
        f.driver("app").failStart.add("app#0");
        assertFalse(f.run("start", ActionOptions.defaults()).ok());
        assertTrue(f.calls("stop").isEmpty());
        assertEquals(List.of("ip#0", "disk#0", "fs#0", "share#0", "container#0", "app#0"), f.calls("start"));

        EngineFixture g = new EngineFixture(root.resolve("other"));
        g.web1();
        g.driver("app").failStart.add("app#0");
        assertFalse(g.run("start", opts(false, false, true, List.of(), null, List.of())).ok());
        assertTrue(g.calls("stop").isEmpty());
    }

    @Test
    void dryRunCallsNoDriverAction() {
        f.web1().set("disk#0", "standby", "true");
        assertTrue(f.run("start", opts(false, true, false, List.of(), null, List.of())).ok());
        assertTrue(f.calls("start").isEmpty());
        assertTrue(f.log.has("app#0", Level.INFO, "would start"));
        assertFalse(Files.exists(f.inst.varDir(ObjectPath.parse("web1")).resolve("last_start")));
        // a dry stop looks at the status like a real one: start for real first, so there is something to stop
        assertTrue(f.run("start", ActionOptions.defaults()).ok());
        assertTrue(f.run("stop", opts(false, true, false, List.of(), null, List.of())).ok());
        assertTrue(f.calls("stop").isEmpty());
        assertTrue(f.log.has("ip#0", Level.INFO, "would stop"));
        assertTrue(f.log.has("disk#0", Level.INFO, "skip 'stop' on standby resource (--force to override)"));
    }

    @Test
    void triggersRunAroundTheDriverAndBlockingOnesFailTheResource() {
        f.web1().set("app#0", "pre_start", "sh -c 'echo pre-$OPENSVC_RID'")
                .set("app#0", "post_start", "sh -c 'echo post; exit 1'")
                .set("app#1", "blocking_pre_start", "sh -c 'exit 3'");
        ActionResult r = f.run("start", rids("app"));
        assertFalse(r.ok());
        assertEquals("app#1: blocking_pre_start trigger failed: exit code 3", r.error());
        assertTrue(f.log.has("app#0", Level.INFO, "pre-app#0"), f.log.lines().toString());
        assertTrue(f.log.has("app#0", Level.WARN, "post_start trigger failed: exit code 1"));
        assertEquals(List.of("app#0"), f.calls("start"));
        List<String> lines = f.log.lines();
        assertTrue(lines.indexOf("app#0 INFO pre-app#0") < lines.indexOf("app#0 INFO started app#0"));
        assertTrue(lines.indexOf("app#0 INFO started app#0") < lines.indexOf("app#0 INFO post"));
        assertEquals(List.of("app#0"), f.calls("stop"), "rollback");
    }

    @Test
    void aMissingDriverFailsTheResource() {
        f.web1().set("fs#0", "type", "ext4");
        ActionResult r = f.run("start", ActionOptions.defaults());
        assertFalse(r.ok());
        assertEquals("fs#0: driver fs.ext4 is not available", r.error());
        assertTrue(f.log.has("fs#0", Level.ERROR, "driver fs.ext4 is not available"));
    }

    @Test
    void theLocalNodeMustBeInNodesOrDrpnodes() {
        FakeConfig cfg = f.web1().set("DEFAULT", "nodes", "n2 n3");
        OmException e = assertThrows(OmException.class, () -> f.run("start", ActionOptions.defaults()));
        assertEquals("web1: the local node n1 is not in the object nodes or drpnodes", e.getMessage());
        cfg.set("DEFAULT", "drpnodes", "n1");
        assertTrue(f.run("start", ActionOptions.defaults()).ok());
        cfg.set("DEFAULT", "nodes", "n*").set("DEFAULT", "drpnodes", "");
        assertTrue(f.run("stop", ActionOptions.defaults()).ok());
    }

    @Test
    void aDisabledObjectSucceedsDoingNothing() {
        f.web1().set("DEFAULT", "disable", "true");
        assertTrue(f.run("start", ActionOptions.defaults()).ok());
        assertTrue(f.run("stop", ActionOptions.defaults()).ok());
        assertTrue(f.calls("start").isEmpty());
        assertTrue(f.calls("stop").isEmpty());
    }

    @Test
    void unknownObjectsActionsAndKindsAreErrors() {
        assertEquals("web1: object not found",
                assertThrows(OmException.class, () -> f.run("start", ActionOptions.defaults())).getMessage());
        f.web1();
        assertThrows(OmException.class, () -> f.run("freeze", ActionOptions.defaults()));
        f.store.create("cfg/c1");
        assertThrows(OmException.class, () -> f.engine.run(ObjectPath.parse("cfg/c1"), "start",
                ActionOptions.defaults(), f.log));
    }
}
