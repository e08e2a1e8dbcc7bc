package om.orchestrator.internal.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

/** The decisions of resource monitoring, one rule of orchestration.md section 8 per test. */
class ResourceMonitorCoreTest {
    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    static final Instant STARTED = Instant.parse("2026-12-01T11:00:00Z");

    /** One instance under test: its config, resource statuses and monitor, changed step by step. */
    static final class Case {
        final MapConfig cfg = new MapConfig("web");
        final Map<String, Status> status = new LinkedHashMap<>();
        Set<String> stoppedFlags = Set.of();
        String state = "idle";
        String localExpect = "started";
        String globalExpect = "none";
        Instant clearedAt;
        Instant lastStarted = STARTED;
        boolean frozen;
        boolean nodeIdle = true;
        boolean nodeFrozen;
        String provisioned = "true";
        Instant now = T0;
        RestartState memory = RestartState.EMPTY;

        Case res(String rid, Status s, String... keyValues) {
            status.put(rid, s);
            cfg.set(rid, "type", "forking");
            for (int i = 0; i < keyValues.length; i += 2) {
                cfg.set(rid, keyValues[i], keyValues[i + 1]);
            }
            return this;
        }

        Case object(String key, String value) {
            cfg.set("DEFAULT", key, value);
            return this;
        }

        Facts facts() {
            ResourceRules rules = ResourceRules.from(cfg);
            Map<String, ResourceStatus> res = new LinkedHashMap<>();
            status.forEach((rid, s) -> {
                ResourceRules.Rule r = rules.resources().get(rid);
                res.put(rid, new ResourceStatus(rid, "app.forking", rid, s, "true", r.monitor(), r.disable(),
                        r.optional(), r.standby(), false, false, false, r.restart(), r.restart(), null, List.of(),
                        List.of()));
            });
            InstanceStatus st = new InstanceStatus("web", "n1", "svc", "failover", "no", Status.DOWN, Status.DOWN,
                    Status.NA, provisioned, frozen, frozen ? T0 : null, now, lastStarted, List.of(), res, 50);
            return new Facts(st, rules, stoppedFlags, state, localExpect, globalExpect, clearedAt, nodeIdle,
                    nodeFrozen, now);
        }

        /** Decides and remembers, as the component does. */
        Verdict step() {
            Verdict v = ResourceMonitorCore.decide(facts(), memory);
            memory = v.state();
            return v;
        }

        List<String> restarted() {
            return step().restarts().stream().map(r -> r.rid() + " " + r.attempt() + "/" + r.of()).toList();
        }

        Case later(Duration d) {
            now = now.plus(d);
            return this;
        }
    }

    @Test
    void aDownResourceIsRestartedAsManyTimesAsConfiguredThenLeftDown() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "2", "restart_delay", "1s");
        assertEquals(List.of("app#0 1/2"), c.restarted());
        assertEquals(List.of("app#0 2/2"), c.later(Duration.ofSeconds(1)).restarted());
        assertEquals(List.of(), c.later(Duration.ofSeconds(1)).restarted());
        assertEquals(List.of(), c.later(Duration.ofHours(1)).restarted());
    }

    @Test
    void theReasonNamesTheTryAndTheBudget() {
        Verdict v = new Case().res("app#0", Status.DOWN, "restart", "2").step();
        assertEquals("app#0 is down: restart 1/2", v.restarts().get(0).reason("down"));
    }

    @Test
    void noRestartConfiguredNoRestart() {
        assertEquals(List.of(), new Case().res("app#0", Status.DOWN).restarted());
    }

    @Test
    void theDelayIsWaitedAndTheRecheckTimeGiven() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "3", "restart_delay", "10s");
        c.step();
        Verdict v = c.later(Duration.ofSeconds(4)).step();
        assertTrue(v.restarts().isEmpty());
        assertEquals(Optional.of(T0.plusSeconds(10)), v.recheckAt());
        assertEquals(List.of("app#0 2/3"), c.later(Duration.ofSeconds(6)).restarted());
    }

    @Test
    void theDefaultDelayIsHalfASecond() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "3");
        c.step();
        assertEquals(Optional.of(T0.plusMillis(500)), c.later(Duration.ofMillis(100)).step().recheckAt());
    }

    @Test
    void seenUpGivesTheFullBudgetBack() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "1");
        assertEquals(List.of("app#0 1/1"), c.restarted());
        c.status.put("app#0", Status.UP);
        assertEquals(List.of(), c.later(Duration.ofSeconds(5)).restarted());
        c.status.put("app#0", Status.DOWN);
        assertEquals(List.of("app#0 1/1"), c.later(Duration.ofSeconds(5)).restarted());
    }

    @Test
    void warnIsRepairedUndefIsNot() {
        assertEquals(List.of("app#0 1/1"), new Case().res("app#0", Status.WARN, "restart", "1").restarted());
        assertEquals(List.of(), new Case().res("app#0", Status.UNDEF, "restart", "1").restarted());
    }

    @Test
    void standbyResourcesGetAtLeastTwoRestartsEvenWithoutLocalExpect() {
        Case c = new Case().res("fs#0", Status.STDBY_DOWN, "standby", "true", "restart_delay", "0s");
        c.localExpect = "none";
        assertEquals(List.of("fs#0 1/2"), c.restarted());
        assertEquals(List.of("fs#0 2/2"), c.restarted());
        assertEquals(List.of(), c.restarted());
        assertTrue(new Case().res("fs#0", Status.STDBY_DOWN, "standby", "true", "restart", "5").step().restarts()
                .get(0).standby());
        assertEquals(List.of("fs#0 1/5"),
                new Case().res("fs#0", Status.STDBY_DOWN, "standby", "true", "restart", "5").restarted());
    }

    @Test
    void aNonStandbyResourceIsRestartedOnlyWhenTheInstanceIsExpectedUp() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "1");
        c.localExpect = "none";
        Verdict v = c.step();
        assertTrue(v.idle());
        assertEquals(List.of("app#0 is down: not restarted: local expect is none, not started"), v.skipped());
    }

    @Test
    void theStoppedFlagIsNeverRestarted() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "3").res("app#1", Status.DOWN, "restart", "3")
                .res("fs#0", Status.STDBY_DOWN, "standby", "true");
        c.stoppedFlags = Set.of("app#0", "fs#0");
        assertEquals(List.of("app#1 1/3"), c.restarted());
        // nor is it the trigger of a monitor action
        Case m = new Case().res("app#0", Status.DOWN, "monitor", "true").object("monitor_action", "freezestop");
        m.stoppedFlags = Set.of("app#0");
        assertTrue(m.step().idle());
    }

    @Test
    void disabledResourcesAreLeftAlone() {
        assertEquals(List.of(), new Case().res("app#0", Status.DOWN, "restart", "3", "disable", "true").restarted());
    }

    @Test
    void optionalResourcesAreRestartedButNeverTriggerTheMonitorAction() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "1", "optional", "true", "monitor", "true")
                .object("monitor_action", "freezestop");
        assertEquals(List.of("app#0 1/1"), c.restarted());
        Verdict v = c.later(Duration.ofSeconds(1)).step();
        assertTrue(v.idle(), v.toString());
    }

    @Test
    void exhaustedMonitoredResourceRunsTheMonitorActionOnceSinceTheLastStart() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "1", "monitor", "true")
                .object("monitor_action", "freezestop reboot").object("pre_monitor_action", "/bin/true");
        assertEquals(List.of("app#0 1/1"), c.restarted());
        Verdict v = c.later(Duration.ofSeconds(1)).step();
        assertTrue(v.restarts().isEmpty());
        Verdict.MonitorAction a = v.action().orElseThrow();
        assertEquals(List.of("freezestop", "reboot"), a.actions());
        assertEquals(Optional.of("/bin/true"), a.pre());
        assertEquals("app#0 is down and has no restart left: monitor action freezestop reboot", a.reason());
        assertTrue(c.later(Duration.ofSeconds(1)).step().idle(), "once");
        // a new start of the instance arms it again, with a full restart budget
        c.lastStarted = c.now;
        assertEquals(List.of("app#0 1/1"), c.later(Duration.ofSeconds(1)).restarted());
        assertTrue(c.later(Duration.ofSeconds(1)).step().action().isPresent());
    }

    @Test
    void restartZeroMonitoredGoesStraightToTheMonitorActionDefaultNone() {
        Verdict v = new Case().res("app#0", Status.DOWN, "monitor", "true").step();
        assertEquals(List.of("none"), v.action().orElseThrow().actions());
    }

    @Test
    void theMonitorActionWinsOverOtherRestarts() {
        Case c = new Case().res("app#0", Status.DOWN, "monitor", "true").res("app#1", Status.DOWN, "restart", "2")
                .object("monitor_action", "switch");
        Verdict v = c.step();
        assertTrue(v.restarts().isEmpty());
        assertEquals("app#0", v.action().orElseThrow().rid());
        assertEquals(0, v.state().used("app#1"));
    }

    @Test
    void clearResetsTheCounters() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "1", "monitor", "true");
        assertEquals(List.of("app#0 1/1"), c.restarted());
        assertTrue(c.later(Duration.ofSeconds(1)).step().action().isPresent());
        c.clearedAt = c.now;
        assertEquals(List.of("app#0 1/1"), c.later(Duration.ofSeconds(1)).restarted());
    }

    @Test
    void ownRestartIsNotANewStart() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "2", "restart_delay", "0s");
        assertEquals(List.of("app#0 1/2"), c.restarted());
        // the engine touched last_start on the filtered start; the component tells the state so
        c.lastStarted = c.now.plusMillis(10);
        c.memory = c.memory.startedByMonitor(c.lastStarted);
        assertEquals(List.of("app#0 2/2"), c.restarted());
        assertEquals(List.of(), c.restarted());
    }

    @Test
    void nothingIsDoneWhenTheInstanceOrNodeMayNotBeActedOn() {
        for (var gate : List.<java.util.function.Consumer<Case>>of(c -> c.frozen = true, c -> c.nodeFrozen = true,
                c -> c.nodeIdle = false, c -> c.state = "starting", c -> c.globalExpect = "stopped",
                c -> c.provisioned = "false")) {
            Case c = new Case().res("app#0", Status.DOWN, "restart", "1", "monitor", "true");
            gate.accept(c);
            Verdict v = c.step();
            assertTrue(v.idle(), v.toString());
            assertEquals(0, v.state().used("app#0"));
            assertFalse(v.skipped().isEmpty());
        }
    }

    @Test
    void failedStatesStillAllowRestarts() {
        Case c = new Case().res("app#0", Status.DOWN, "restart", "1");
        c.state = "start failed";
        assertEquals(List.of("app#0 1/1"), c.restarted());
    }

    @Test
    void severalResourcesCountSeparately() {
        Case c = new Case().res("ip#0", Status.DOWN, "restart", "1").res("app#0", Status.DOWN, "restart", "2");
        assertEquals(List.of("ip#0 1/1", "app#0 1/2"), c.restarted());
        assertEquals(List.of("app#0 2/2"), c.later(Duration.ofSeconds(1)).restarted());
    }

    @Test
    void monitorSchedulePeriod() {
        assertEquals(Duration.ofMinutes(1), ResourceRules.from(new MapConfig("a")).schedule());
        assertEquals(Duration.ofSeconds(5),
                ResourceRules.from(new MapConfig("a").set("DEFAULT", "monitor_schedule", "@5s")).schedule());
        assertEquals(Duration.ofMinutes(1),
                ResourceRules.from(new MapConfig("a").set("DEFAULT", "monitor_schedule", "09:00-10:00")).schedule());
        assertEquals(Duration.ofMinutes(5),
                ResourceRules.from(new MapConfig("a").set("DEFAULT", "monitor_schedule", "@5")).schedule());
    }
}
