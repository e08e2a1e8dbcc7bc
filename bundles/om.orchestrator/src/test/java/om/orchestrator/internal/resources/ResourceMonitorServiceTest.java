package om.orchestrator.internal.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import om.api.status.InstanceFlags;
import om.api.status.Status;
import om.testkit.ComponentConstructors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component over a simulated node: events in, restarts and monitor actions out through the engine. */
class ResourceMonitorServiceTest {
    static final MonitorHooks NO_HOOKS = SimNode.hooks("", "");

    /** Steps the component {@code n} times, a second apart. */
    static void run(SimNode n, ResourceMonitorService s, int steps) throws InterruptedException {
        for (int i = 0; i < steps; i++) {
            n.clock.advance(Duration.ofSeconds(1));
            s.step();
            long until = System.nanoTime() + 5_000_000_000L;
            while (s.busy(n.path) && System.nanoTime() < until) {
                Thread.sleep(5);
            }
        }
    }

    @Test
    void aKilledProcessIsRestartedWithTheReasonLogged() throws Exception {
        SimNode n = new SimNode().res("app#0", Status.UP, "restart", "1");
        ResourceMonitorService s = n.service(NO_HOOKS);
        run(n, s, 2);
        assertEquals(List.of(), n.actions);
        n.kill("app#0");
        run(n, s, 2);
        assertEquals(List.of("start app#0 (daemon)"), n.actions);
        assertTrue(n.logged.contains("app#0 is down: restart 1/1"), n.logged.toString());
        assertEquals(Status.UP, n.resources.get("app#0"));
        // seen up: the budget is back, the next death is repaired too
        n.kill("app#0");
        run(n, s, 2);
        assertEquals(List.of("start app#0 (daemon)", "start app#0 (daemon)"), n.actions);
    }

    @Test
    void theBudgetEndsWhenStartsFailAndTheDelayIsKept() throws Exception {
        SimNode n = new SimNode().res("app#0", Status.UP, "restart", "2", "restart_delay", "3s");
        n.startFails.add("app#0");
        ResourceMonitorService s = n.service(NO_HOOKS);
        n.kill("app#0");
        run(n, s, 2);
        assertEquals(1, n.actions.size());
        run(n, s, 1);
        assertEquals(1, n.actions.size(), "restart_delay 3s not elapsed");
        run(n, s, 3);
        assertEquals(2, n.actions.size());
        run(n, s, 10);
        assertEquals(2, n.actions.size(), "no restart left");
        assertTrue(n.logged.contains("app#0 is down: restart 2/2"), n.logged.toString());
    }

    @Test
    void theRestartsLeftAreRecordedForTheStatusAndClearGivesThemBack() throws Exception {
        SimNode n = new SimNode().res("app#0", Status.UP, "restart", "2", "restart_delay", "0s");
        n.startFails.add("app#0");
        ResourceMonitorService s = n.service(NO_HOOKS);
        n.kill("app#0");
        run(n, s, 2);
        assertEquals(1, n.flags.restartsUsed(n.objectPath, "app#0"));
        assertEquals(1, n.status().resources().get("app#0").restartRemaining());
        assertEquals("........".substring(0, 7) + "1", n.status().resources().get("app#0").flags());
        run(n, s, 3);
        assertEquals(2, n.flags.restartsUsed(n.objectPath, "app#0"));
        assertEquals(2, n.actions.size());
        // om web clear: the monitor's cleared_at moves
        n.monitor = new om.api.daemon.InstanceMonitor("idle", "none", "started", true, null, null, List.of(), null,
                n.clock.instant());
        n.publish();
        run(n, s, 2);
        assertEquals(3, n.actions.size(), "a full budget again");
        assertEquals(1, n.flags.restartsUsed(n.objectPath, "app#0"));
        n.startFails.clear();
        n.kill("app#0");
        run(n, s, 3);
        assertEquals(0, n.flags.restartsUsed(n.objectPath, "app#0"), "seen up");
    }

    @Test
    void theScheduleReevaluatesWithoutAnyEvent() throws Exception {
        SimNode n = new SimNode().res("app#0", Status.UP, "restart", "1").object("monitor_schedule", "@5s");
        ResourceMonitorService s = n.service(NO_HOOKS);
        run(n, s, 1);
        // the status changes without an event (a refresh the daemon has not announced yet)
        synchronized (n) {
            n.resources.put("app#0", Status.DOWN);
        }
        n.snapshotOnly();
        run(n, s, 3);
        assertEquals(List.of(), n.actions, "not due yet");
        run(n, s, 3);
        assertEquals(List.of("start app#0 (daemon)"), n.actions);
    }

    @Test
    void resourcesStoppedOnPurposeStayDown() throws Exception {
        SimNode n = new SimNode().res("app#0", Status.UP, "restart", "3").res("app#1", Status.UP, "restart", "3");
        ResourceMonitorService s = n.service(NO_HOOKS);
        n.engine.run(om.api.action.ActionRequest.of(n.objectPath, "stop",
                new om.api.action.ActionOptions(false, false, false, List.of("app#0"), null, List.of(), null),
                e -> { }));
        n.actions.clear();
        n.kill("app#1");
        run(n, s, 5);
        assertEquals(List.of("start app#1 (daemon)"), n.actions);
        assertEquals(Status.DOWN, n.resources.get("app#0"));
    }

    @Test
    void nothingIsRestartedWhenTheInstanceIsNotExpectedUp() throws Exception {
        SimNode n = new SimNode().res("app#0", Status.UP, "restart", "3");
        n.monitor = new om.api.daemon.InstanceMonitor("idle", "none", "none", true, null);
        ResourceMonitorService s = n.service(NO_HOOKS);
        n.kill("app#0");
        run(n, s, 3);
        assertEquals(List.of(), n.actions);
        n.monitor = new om.api.daemon.InstanceMonitor("stopping", "stopped", "started", true, null);
        n.publish();
        run(n, s, 3);
        assertEquals(List.of(), n.actions);
    }

    @Test
    void freezestopFreezesAndStopsOnceTheRestartsAreExhausted(@TempDir Path tmp) throws Exception {
        Path pre = tmp.resolve("pre");
        SimNode n = new SimNode().res("app#0", Status.UP, "restart", "1", "monitor", "true")
                .object("monitor_action", "freezestop").object("pre_monitor_action", "touch " + pre);
        n.startFails.add("app#0");
        ResourceMonitorService s = n.service(NO_HOOKS);
        n.kill("app#0");
        run(n, s, 4);
        assertEquals(List.of("start app#0 (daemon)", "stop  (daemon)"), n.actions);
        assertTrue(n.flags.frozen(n.objectPath));
        assertTrue(Files.exists(pre), "pre_monitor_action ran");
        assertTrue(n.logged.contains("app#0 is down and has no restart left: monitor action freezestop"),
                n.logged.toString());
        assertEquals(InstanceFlags.LocalExpect.NONE, n.flags.localExpect(n.objectPath));
        run(n, s, 5);
        assertEquals(2, n.actions.size(), "once per start");
    }

    @Test
    void switchAsksTheOrchestratorForTheNextLiveNode() throws Exception {
        SimNode n = new SimNode().res("app#0", Status.UP, "monitor", "true").object("monitor_action", "switch")
                .object("nodes", "n1 n2 n3");
        n.peer("n2", true);
        n.peer("n3", false);
        ResourceMonitorService s = n.service(NO_HOOKS);
        n.kill("app#0");
        run(n, s, 2);
        assertEquals(List.of("switch web [n3]"), n.orchestrated, "n2 is frozen");
        assertEquals(List.of(), n.actions);
        assertEquals(InstanceFlags.LocalExpect.EVICTED, n.flags.localExpect(n.objectPath));
    }

    @Test
    void switchWithNoOtherLiveNodeFreezestops() throws Exception {
        SimNode n = new SimNode().res("app#0", Status.UP, "monitor", "true").object("monitor_action", "switch")
                .object("nodes", "n1 n2");
        ResourceMonitorService s = n.service(NO_HOOKS);
        n.kill("app#0");
        run(n, s, 2);
        assertEquals(List.of(), n.orchestrated);
        assertEquals(List.of("stop  (daemon)"), n.actions);
        assertTrue(n.flags.frozen(n.objectPath));
    }

    @Test
    void crashAndRebootRunOnlyTheConfiguredHook(@TempDir Path tmp) throws Exception {
        SimNode n = new SimNode().res("app#0", Status.UP, "monitor", "true").object("monitor_action", "crash none");
        ResourceMonitorService s = n.service(NO_HOOKS);
        n.kill("app#0");
        run(n, s, 2);
        assertTrue(n.logged.contains("monitor action crash: no crash.command configured (pid om.orchestrator.monitor)"),
                n.logged.toString());
        assertTrue(n.logged.contains("monitor action none: nothing done"), n.logged.toString());

        Path crashed = tmp.resolve("crashed");
        SimNode m = new SimNode().res("app#0", Status.UP, "monitor", "true").object("monitor_action", "reboot");
        ResourceMonitorService t = m.service(SimNode.hooks("", "touch " + crashed));
        m.kill("app#0");
        run(m, t, 2);
        assertTrue(Files.exists(crashed), m.logged.toString());
        assertFalse(m.flags.frozen(m.objectPath));
    }

    @Test
    void anInstanceWithNothingToWatchCostsNoConfigRead() throws Exception {
        SimNode n = new SimNode().res("app#0", Status.UP);
        ResourceMonitorService s = n.service(NO_HOOKS);
        n.kill("app#0");
        run(n, s, 120);
        assertEquals(0, n.loads.get());
        assertEquals(List.of(), n.actions);
        SimNode w = new SimNode().res("app#0", Status.UP, "restart", "1");
        ResourceMonitorService t = w.service(NO_HOOKS);
        run(w, t, 2);
        assertEquals(1, w.loads.get());
    }

    @Test
    void oneConstructorForDs() {
        ComponentConstructors.assertUnambiguous(ResourceMonitorService.class);
    }
}
