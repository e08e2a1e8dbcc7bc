package om.core.internal.action;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.core.internal.exec.ProcessExecutorTest;
import om.core.internal.status.StatusServiceImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status checks and an app start whose child keeps stdout open leave no thread behind. */
class NoThreadLeftTest {
    private static final String MARK = "3210." + ProcessHandle.current().pid() % 1000;

    @TempDir
    Path root;

    @AfterEach
    void kill() {
        ProcessExecutorTest.processesWith(MARK).forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroy));
    }

    @Test
    void threadCountReturnsToItsBaseline() throws Exception {
        EngineFixture f = new EngineFixture(root);
        f.store.create("web1").set("app#0", "type", "cmd").set("app#1", "type", "cmd");
        f.commands.check.put("app#0", "true");
        f.commands.check.put("app#1", "false");
        StatusServiceImpl status = StatusServiceImpl.withExecutor(f.store, f.drivers, f.inst,
                new om.core.internal.exec.ProcessExecutor());
        ObjectPath web1 = ObjectPath.parse("web1");
        status.refresh(web1);
        int baseline = settled(Integer.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            status.refresh(web1);
        }
        f.commands.start.put("app#1", "echo started; sleep " + MARK + " &");
        assertTrue(f.run("start", EngineFixture.rids("app#1")).ok());
        int after = settled(baseline);
        assertTrue(after <= baseline, after + " threads > baseline " + baseline + ": "
                + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
    }

    /** The live thread count once idle pool threads ended (they do within seconds), at most {@code target}. */
    private static int settled(int target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        int n = live();
        while (System.nanoTime() < deadline && (target == Integer.MAX_VALUE ? n > liveWithoutPools() : n > target)) {
            Thread.sleep(100);
            n = live();
        }
        return n;
    }

    private static int live() {
        return ProcessExecutorTest.liveThreads();
    }

    /** The count without the status pool's idle threads, for a baseline taken right after a check. */
    private static int liveWithoutPools() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("process reaper") && !t.getName().startsWith("om-status-"))
                .count();
    }
}
