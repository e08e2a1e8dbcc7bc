package om.core.internal.action;

import static om.core.internal.action.EngineFixture.rids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import om.api.action.ActionOptions;
import om.api.action.ActionResult;
import om.api.status.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementsTest {
    @TempDir
    Path root;
    private EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(root);
    }

    @Test
    void parsesItemsWithStatesContainingSpaces() {
        assertEquals(List.of(new Requirements.Requirement("disk#0", List.of(Status.UP)),
                        new Requirements.Requirement("fs#1", List.of(Status.UP, Status.STDBY_UP)),
                        new Requirements.Requirement("ip#0", Requirements.DEFAULT_STATES),
                        new Requirements.Requirement("app#2", List.of(Status.DOWN, Status.STDBY_DOWN)),
                        new Requirements.Requirement("app#3", Requirements.DEFAULT_STATES)),
                Requirements.parse(" disk#0(up) fs#1(up,stdby up)  ip#0 app#2(down, stdby_down) app#3()"));
        assertEquals("fs#1(up,stdby up)", Requirements.parse("fs#1").get(0).text());
        assertEquals("unknown state 'upp' in the requirement on fs#1",
                assertThrows(IllegalArgumentException.class, () -> Requirements.parse("fs#1(upp)")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Requirements.parse("fs#1(up"));
        assertThrows(IllegalArgumentException.class, () -> Requirements.parse("(up)"));
    }

    @Test
    void anUnmetStartRequirementFailsTheResourceBeforeItsTriggers() {
        f.web1().set("app#1", "start_requires", "app#0(stdby up)")
                .set("app#1", "blocking_pre_start", "sh -c 'exit 9'");
        ActionResult r = f.run("start", rids("app"));
        assertFalse(r.ok());
        assertEquals("app#1: requires app#0(stdby up) not met: app#0 is up", r.error());
        assertEquals(List.of("app#0"), f.calls("start"));
        assertEquals(List.of("app#0"), f.calls("stop"), "rollback");
    }

    @Test
    void metRequirementsLetTheResourceStart() {
        f.web1().set("app#1", "start_requires", "app#0 disk#0(up,stdby up)");
        assertTrue(f.run("start", ActionOptions.defaults()).ok());
        assertTrue(f.calls("start").contains("app#1"));
    }

    @Test
    void standbyStatusIsWhatTheRequirementSees() {
        f.web1().set("disk#0", "standby", "true").set("fs#0", "start_requires", "disk#0(up)");
        ActionResult r = f.run("start", ActionOptions.defaults());
        assertEquals("fs#0: requires disk#0(up) not met: disk#0 is stdby up", r.error());
    }

    @Test
    void stopRequirementsAndMissingRids() {
        f.web1().set("app#0", "stop_requires", "app#1(down)");
        f.driver("app").states.put("app#0", Status.UP);
        f.driver("app").states.put("app#1", Status.UP);
        ActionResult r = f.run("stop", rids("app#0"));
        assertEquals("app#0: requires app#1(down) not met: app#1 is up", r.error());
        assertTrue(f.run("stop", rids("app")).ok(), "app#1 stops first, in stop order");
        f.web1().set("app#0", "start_requires", "fs#9");
        assertEquals("app#0: requires fs#9(up,stdby up) not met: no resource fs#9",
                f.run("start", rids("app#0")).error());
        f.web1().set("app#0", "start_requires", "fs#0(");
        assertEquals("app#0: start_requires: missing ')' after 'fs#0('", f.run("start", rids("app#0")).error());
    }
}
