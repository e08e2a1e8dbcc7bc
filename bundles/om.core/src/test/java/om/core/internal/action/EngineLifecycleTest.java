package om.core.internal.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import om.api.Cancellation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionBracket;
import om.api.action.ActionLog;
import om.api.action.ActionOptions;
import om.api.action.ActionRequest;
import om.api.action.ActionResult;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import om.core.internal.exec.ProcessExecutorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brackets, cancellation, interrupts, the drain at deactivation, submit, freeze and the stopped flag. */
class EngineLifecycleTest {
    private static final ObjectPath WEB1 = ObjectPath.parse("web1");
    private static final String MARK = "4321." + ProcessHandle.current().pid() % 1000;

    @TempDir
    Path root;

    @AfterEach
    void noLeftovers() {
        for (long pid : ProcessExecutorTest.processesWith(MARK)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** web1: ip#0 (fake), app#0 and app#1 running real commands. */
    private EngineFixture web1(EngineFixture f, String app0Start, String app1Start) {
        f.store.create("web1").section("ip#0").set("app#0", "type", "cmd").set("app#1", "type", "cmd");
        Path marker = root.resolve("app0-stopped");
        if (app0Start != null) {
            f.commands.start.put("app#0", app0Start);
        }
        f.commands.stop.put("app#0", "echo stopped > " + marker);
        if (app1Start != null) {
            f.commands.start.put("app#1", app1Start);
        }
        return f;
    }

    private static Thread async(Runnable r) {
        Thread t = new Thread(r, "test-action");
        t.start();
        return t;
    }

    private static void awaitProcess(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessExecutorTest.processesWith(marker).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the command never started");
            Thread.sleep(20);
        }
    }

    private static List<String> brackets(List<LogEvent> events) {
        return events.stream().filter(ActionBracket::isBracket).map(LogEvent::message).toList();
    }

    @Test
    void aCancelKillsTheCommandRollsBackAndWritesTheFailedLine() throws Exception {
        EngineFixture f = web1(new EngineFixture(root), "true", "sleep " + MARK);
        Cancellation cancel = new Cancellation();
        AtomicReference<ActionResult> result = new AtomicReference<>();
        Thread t = async(() -> result.set(f.engine.run(WEB1, "start", ActionOptions.defaults(), f.log, cancel)));
        awaitProcess(MARK);
        long t0 = System.nanoTime();
        cancel.cancel("interrupted");
        t.join(15_000);
        assertFalse(t.isAlive());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(6)) < 0);
        ActionResult r = result.get();
        assertFalse(r.ok());
        assertEquals("interrupted", r.error());
        assertEquals(List.of(), ProcessExecutorTest.processesWith(MARK));
        // rolled back in reverse order, the stop command of app#0 ran although the action was cancelled
        assertEquals(List.of("app#0", "ip#0"), rollbackOrder(f));
        assertTrue(Files.exists(root.resolve("app0-stopped")), "the rollback command was not run");
        List<String> b = brackets(f.log.events);
        assertEquals(2, b.size(), b.toString());
        assertTrue(b.get(0).equals("do start (origin user)"), b.get(0));
        assertTrue(b.get(1).matches("failed start in \\d:\\d\\d:\\d\\d\\.\\d{6}: interrupted"), b.get(1));
        // the lock is free at once
        ActionResult again = f.engine.run(WEB1, "stop", new ActionOptions(false, false, false, List.of(), null,
                List.of(), Duration.ZERO), f.log);
        assertTrue(again.ok(), again.error());
    }

    @Test
    void aCancelStopsARealAppForkingStartAndRollsBackTheAppsBefore() throws Exception {
        EngineFixture base = new EngineFixture(root);
        om.core.internal.driver.DriverRegistryImpl drivers = new om.core.internal.driver.DriverRegistryImpl();
        drivers.addDriver(new om.driver.app.internal.ForkingAppDriver());
        om.core.internal.exec.ProcessExecutor exec = new om.core.internal.exec.ProcessExecutor();
        ActionEngineImpl engine = new ActionEngineImpl(base.store, drivers, base.inst,
                om.core.internal.status.StatusServiceImpl.withExecutor(base.store, drivers, base.inst, exec), exec);
        Path marker = root.resolve("app0-stopped");
        base.store.create("web1").set("app#0", "start", "/bin/true")
                .set("app#0", "stop", "/bin/sh -c 'echo stopped > " + marker + "'")
                .set("app#1", "start", "/bin/sleep " + MARK).set("app#1", "stop", "/bin/true");
        Cancellation cancel = new Cancellation();
        AtomicReference<ActionResult> result = new AtomicReference<>();
        Thread t = async(() -> result.set(engine.run(WEB1, "start", ActionOptions.defaults(), base.log, cancel)));
        awaitProcess(MARK);
        cancel.cancel("interrupted");
        t.join(15_000);
        assertFalse(t.isAlive());
        assertEquals("interrupted", result.get().error(), base.log.lines().toString());
        assertEquals(List.of(), ProcessExecutorTest.processesWith(MARK));
        assertTrue(Files.exists(marker), "app#0 was not rolled back: " + base.log.lines());
        List<String> b = brackets(base.log.events);
        assertTrue(b.get(b.size() - 1).endsWith(": interrupted"), b.toString());
    }

    private static List<String> rollbackOrder(EngineFixture f) {
        List<String> out = new ArrayList<>();
        for (String l : f.commands.journal) {
            if (l.equals("stop app#0")) {
                out.add("app#0");
            }
        }
        for (String l : f.journal) {
            if (l.equals("stop ip#0")) {
                out.add("ip#0");
            }
        }
        return out;
    }

    /** A sink writing each line through a FileChannel, as the object log file does. */
    private static final class ChannelLog implements ActionLog {
        final Path file;
        final List<String> errors = new CopyOnWriteArrayList<>();

        ChannelLog(Path file) {
            this.file = file;
        }

        @Override
        public void log(LogEvent e) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap((e.message() + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException ex) {
                errors.add(ex.toString());
            }
        }
    }

    @Test
    void anInterruptedActionGoesOnAndWritesItsClosingLine() throws Exception {
        EngineFixture f = web1(new EngineFixture(root), "true", "sleep 0.6; echo " + MARK);
        ChannelLog log = new ChannelLog(root.resolve("web1.log"));
        AtomicReference<ActionResult> result = new AtomicReference<>();
        Thread t = async(() -> result.set(f.engine.run(WEB1, "start", ActionOptions.defaults(), log)));
        awaitProcess(MARK);
        t.interrupt();
        t.join(15_000);
        assertTrue(result.get().ok(), result.get().error());
        List<String> lines = Files.readAllLines(log.file);
        assertTrue(lines.get(lines.size() - 1).startsWith("done start in "), lines.toString());
        assertEquals(List.of(), log.errors);
    }

    @Test
    void deactivationRefusesNewActionsAndDrainsRunningOnes() throws Exception {
        EngineFixture f = web1(new EngineFixture(root, 10, Duration.ofSeconds(20)), "true", "sleep 0.8; : " + MARK);
        f.store.create("web2").section("ip#0");
        AtomicReference<ActionResult> result = new AtomicReference<>();
        Thread t = async(() -> result.set(f.run("start", ActionOptions.defaults())));
        awaitProcess(MARK);
        Thread stopper = async(f.engine::deactivate);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        OmException refused = null;
        while (refused == null && System.nanoTime() < deadline) {
            try {
                f.engine.run(ObjectPath.parse("web2"), "start", ActionOptions.defaults(), f.log);
                Thread.sleep(10);
            } catch (OmException e) {
                refused = e;
            }
        }
        assertTrue(refused != null && refused.getMessage().equals("daemon stopping"), String.valueOf(refused));
        stopper.join(15_000);
        assertFalse(stopper.isAlive());
        t.join(1000);
        assertTrue(result.get().ok(), result.get().error());
        assertTrue(brackets(f.log.events).stream().anyMatch(b -> b.startsWith("done start in ")));
        CompletableFuture<ActionResult> late = f.engine.submit(ActionRequest.of(WEB1, "stop",
                ActionOptions.defaults(), f.log));
        assertTrue(late.isCompletedExceptionally());
    }

    @Test
    void pastTheDrainBoundRunningActionsAreCancelledAndRolledBack() throws Exception {
        EngineFixture f = web1(new EngineFixture(root, 10, Duration.ofMillis(300)), "true", "sleep " + MARK);
        AtomicReference<ActionResult> result = new AtomicReference<>();
        Thread t = async(() -> result.set(f.run("start", ActionOptions.defaults())));
        awaitProcess(MARK);
        long t0 = System.nanoTime();
        f.engine.deactivate();
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(8)) < 0);
        t.join(5000);
        assertFalse(result.get().ok());
        assertEquals("daemon stopping", result.get().error());
        assertTrue(Files.exists(root.resolve("app0-stopped")), "not rolled back");
        assertEquals(List.of(), ProcessExecutorTest.processesWith(MARK));
        assertTrue(brackets(f.log.events).get(1).endsWith(": daemon stopping"));
    }

    @Test
    void submitRunsAtMostMaxParallelAtOnceInPriorityOrder() throws Exception {
        EngineFixture f = new EngineFixture(root, 2, Duration.ofSeconds(5));
        // long enough for the six submissions to be queued before o0 and o1 end (CI saw o4 queued after the
        // first slot freed with 300 ms, under load)
        f.driver("app").startDelay = Duration.ofMillis(1000);
        List<CompletableFuture<ActionResult>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            f.store.create("o" + i).section("app#0").set("DEFAULT", "priority", Integer.toString(90 - i * 10));
        }
        for (int i = 0; i < 6; i++) {
            all.add(f.engine.submit(ActionRequest.of(ObjectPath.parse("o" + i), "start", ActionOptions.defaults(),
                    f.log).withOrigin(ActionBracket.Origin.DAEMON)));
        }
        for (CompletableFuture<ActionResult> c : all) {
            assertTrue(c.get(20, TimeUnit.SECONDS).ok());
        }
        assertEquals(2, f.driver("app").maxActive.get());
        // o0 and o1 took the two threads; the queue then ran by priority, lower first, two at a time (the two of a
        // pair begin in either order)
        List<String> order = f.log.events.stream().filter(e -> ActionBracket.phaseOf(e)
                .filter(p -> p == ActionBracket.Phase.BEGIN).isPresent()).map(LogEvent::path).toList();
        assertEquals(java.util.Set.of("o0", "o1"), java.util.Set.copyOf(order.subList(0, 2)), order.toString());
        assertEquals(java.util.Set.of("o5", "o4"), java.util.Set.copyOf(order.subList(2, 4)), order.toString());
        assertEquals(java.util.Set.of("o3", "o2"), java.util.Set.copyOf(order.subList(4, 6)), order.toString());
        assertTrue(brackets(f.log.events).contains("do start (origin daemon)"));
    }

    @Test
    void everyLineAndTheLockFileCarryTheActionSid() throws Exception {
        EngineFixture f = new EngineFixture(root);
        f.web1();
        ActionResult r = f.engine.run(ActionRequest.of(WEB1, "start", ActionOptions.defaults(), f.log)
                .withArgs(List.of("--local")));
        assertTrue(r.ok());
        String sid = f.log.events.get(0).sid();
        assertEquals("do start --local (origin user)", f.log.events.get(0).message());
        assertTrue(f.log.events.stream().allMatch(e -> sid.equals(e.sid())));
        String owner = Files.readString(f.inst.varDir(WEB1).resolve("lock.generic")).trim();
        assertEquals(ProcessHandle.current().pid() + " start " + sid, owner);
        String last = f.log.events.get(f.log.events.size() - 1).message();
        assertTrue(last.matches("done start in .*, instance status is now up"), last);
    }

    @Test
    void aUsersWholeStopFreezesAnOrchestratedInstanceTheDaemonsDoesNot() {
        EngineFixture f = new EngineFixture(root);
        f.web1().set("DEFAULT", "orchestrate", "ha");
        Path frozen = f.inst.varDir(WEB1).resolve("frozen");
        f.engine.run(ActionRequest.of(WEB1, "stop", EngineFixture.rids("app"), f.log));
        assertFalse(Files.exists(frozen), "a filtered stop does not freeze");
        f.engine.run(ActionRequest.of(WEB1, "stop", ActionOptions.defaults(), f.log)
                .withOrigin(ActionBracket.Origin.DAEMON));
        assertFalse(Files.exists(frozen), "the daemon's stop does not freeze");
        f.engine.run(ActionRequest.of(WEB1, "stop", ActionOptions.defaults(), f.log));
        assertTrue(Files.exists(frozen));
        assertTrue(f.log.has(null, Level.INFO, "freeze the instance (orchestrate = ha)"));
        assertTrue(f.engine.run(ActionRequest.of(WEB1, "start", ActionOptions.defaults(), f.log)).status().frozen(),
                "a start does not thaw");
    }

    @Test
    void anExplicitStopSetsTheStoppedFlagAStartClearsIt() {
        EngineFixture f = new EngineFixture(root);
        f.web1();
        f.run("start", ActionOptions.defaults());
        ActionResult stopped = f.run("stop", EngineFixture.rids("app#0"));
        ResourceStatus app0 = stopped.status().resources().get("app#0");
        assertTrue(app0.stopped());
        assertEquals('X', app0.flags().charAt(7));
        assertFalse(stopped.status().resources().get("app#1").stopped());
        ActionResult started = f.run("start", ActionOptions.defaults());
        assertFalse(started.status().resources().get("app#0").stopped());
        // a rollback is no explicit stop
        f.driver("app").failStart.add("app#1");
        f.run("stop", ActionOptions.defaults());
        ActionResult failed = f.run("start", ActionOptions.defaults());
        assertFalse(failed.ok());
        assertEquals(Status.DOWN, f.driver("ip").states.get("ip#0"));
        assertFalse(failed.status().resources().get("ip#0").stopped());
        // the resource whose start failed was asked up: the explicit stop no longer holds
        assertFalse(failed.status().resources().get("app#1").stopped());
    }
}
