package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.action.ActionEngine;
import om.api.action.ActionRequest;
import om.api.action.ActionResult;
import om.api.status.InstanceStatus;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import om.shell.internal.Services;
import org.junit.jupiter.api.Test;

/** {@code om <path> sync all|nodes|drp}: the engine's sync actions, run in the command's process. */
class SyncVerbTest {
    private final List<ActionRequest> asked = new CopyOnWriteArrayList<>();
    private volatile boolean fail;
    private final ActionEngine engine = new ActionEngine() {
        @Override
        public ActionResult run(ActionRequest request) {
            asked.add(request);
            return new ActionResult(request.path(), request.action(), !fail, fail ? "sync#0: sync to n2 failed" : null,
                    null);
        }

        @Override
        public CompletableFuture<ActionResult> submit(ActionRequest request) {
            return CompletableFuture.completedFuture(run(request));
        }
    };
    private final Fakes.Store store = new Fakes.Store("web1");
    private final OmCommandRunner runner = new OmCommandRunner(new Services(Fakes.installation("n1"), store, null,
            engine, null, () -> Fakes.selector(store), () -> null, () -> null, () -> null, () -> null, () -> null));

    @Test
    void eachTargetWordIsItsEngineAction() {
        for (String[] w : List.of(new String[] {"all", "sync_all"}, new String[] {"nodes", "sync_nodes"},
                new String[] {"drp", "sync_drp"})) {
            Fakes.Call c = new Fakes.Call();
            assertEquals(0, Fakes.run(runner, c, "web1", "sync", w[0]), c.err());
            ActionRequest r = asked.get(asked.size() - 1);
            assertEquals(w[1], r.action());
            assertEquals(List.of(), r.args());
        }
    }

    @Test
    void filtersGoToTheEngineAndIntoTheBracketArguments() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, c, "web1", "sync", "nodes", "--rid", "sync#1", "--tags", "nightly"),
                c.err());
        ActionRequest r = asked.get(0);
        assertEquals(List.of("sync#1"), r.options().rids());
        assertEquals("nightly", r.options().tags());
        assertEquals(List.of("--rid", "sync#1", "--tags", "nightly"), r.args());
    }

    @Test
    void aFailedSyncExits1WithOneLine() {
        fail = true;
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "web1", "sync", "drp"));
        assertEquals("error: web1: sync drp failed: sync#0: sync to n2 failed\n", c.err());
    }

    @Test
    void aMissingOrUnknownTargetIsOneLineExit1() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "web1", "sync"));
        assertEquals("error: sync needs a target: all, nodes or drp\n", c.err());
        c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "web1", "sync", "--rid", "sync#0"));
        assertEquals("error: sync needs a target: all, nodes or drp\n", c.err());
        c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "web1", "sync", "peers"));
        assertEquals("error: unknown sync target 'peers': expected all, nodes or drp\n", c.err());
        assertEquals(List.of(), asked);
    }

    @Test
    void helpListsTheThreeSyncVerbsOnly() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, c, "help"));
        List<String> lines = c.out().lines().map(String::strip).toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sync all ")), c.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sync nodes ")), c.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sync drp ")), c.out());
        assertFalse(lines.stream().anyMatch(l -> l.matches("sync\\s+copy.*")), c.out());
        c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, c, "help", "sync", "nodes"));
        assertTrue(c.out().contains("--rid"), c.out());
        assertFalse(c.out().contains("--force"), c.out());
    }

    @Test
    void theDaemonsSyncGoesAmongTheSyncResources() {
        ResourceStatus app = res("app#0", Status.UP);
        ResourceStatus s0 = res("sync#0", Status.UP);
        ResourceStatus s1 = res("sync#1", Status.UP);
        ResourceStatus task = res("task#0", Status.NA);
        java.util.Map<String, ResourceStatus> m = new java.util.LinkedHashMap<>();
        for (ResourceStatus r : List.of(app, s0, s1, task)) {
            m.put(r.rid(), r);
        }
        InstanceStatus local = new InstanceStatus("web1", "n1", "svc", "failover", "no", Status.UP, Status.UP,
                Status.UP, "true", false, null, Instant.EPOCH, null, List.of(), m, 50);
        java.util.Map<String, ResourceStatus> d = new java.util.LinkedHashMap<>(m);
        d.put("sync#i0", res("sync#i0", Status.UP));
        InstanceStatus daemon = new InstanceStatus("web1", "n1", "svc", "failover", "no", Status.UP, Status.UP,
                Status.UP, "true", false, null, Instant.EPOCH, null, List.of(), d, 50);
        assertEquals(List.of("app#0", "sync#0", "sync#1", "sync#i0", "task#0"),
                List.copyOf(PrintStatusVerb.withSync(local, daemon).resources().keySet()));
    }

    private static ResourceStatus res(String rid, Status s) {
        return new ResourceStatus(rid, rid.substring(0, rid.indexOf('#')) + ".x", rid, s, "true", false, false, false,
                false, false, false, false, 0, -1, null, List.of(), List.<LogEntry>of());
    }
}
