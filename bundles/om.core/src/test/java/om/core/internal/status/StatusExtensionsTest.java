package om.core.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import om.api.ObjectPath;
import om.api.status.InstanceStatus;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import om.core.internal.driver.DriverRegistryImpl;
import om.core.internal.driver.FakeConfig;
import om.core.internal.driver.FakeDriver;
import om.core.internal.driver.FakeInstallation;
import om.core.internal.driver.FakeStore;
import om.core.internal.driver.ProvisionRecord;
import om.core.internal.driver.RunningMarker;
import om.core.internal.exec.ProcessExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exposed devices, provisioned state and running tasks in the status. */
class StatusExtensionsTest {
    @TempDir
    Path root;
    private FakeInstallation inst;
    private FakeStore store;
    private DriverRegistryImpl drivers;
    private FakeDriver disk;
    private FakeDriver fs;
    private FakeDriver task;
    private InstanceStatusEvaluator evaluator;
    private final ObjectPath web1 = ObjectPath.parse("web1");

    @BeforeEach
    void setUp() {
        inst = new FakeInstallation(root, "n1");
        store = new FakeStore(inst);
        drivers = new DriverRegistryImpl();
        disk = new FakeDriver("disk", "loop");
        fs = new FakeDriver("fs", "flag", disk.journal());
        task = new FakeDriver("task", "host", disk.journal());
        drivers.addDriver(disk);
        drivers.addDriver(fs);
        drivers.addDriver(task);
        evaluator = new InstanceStatusEvaluator(drivers, inst, new ProcessExecutor());
    }

    private FakeConfig stack() {
        fs.readKey = "dev";
        return store.create("web1").set("disk#0", "type", "loop").set("fs#0", "type", "flag")
                .set("fs#0", "dev", "{disk#0.exposed_devs[0]}");
    }

    @Test
    void aResourceOnTheDeviceOfADownDiskIsDownNotUndef() {
        InstanceStatus s = evaluator.evaluate(stack()).status();
        ResourceStatus r = s.resources().get("fs#0");
        assertEquals(Status.DOWN, r.status());
        assertEquals(List.of(LogEntry.info("reference {disk#0.exposed_devs[0]}: disk#0 exposes no device (is it up?)")),
                r.log());
        assertEquals("fake fs#0 {disk#0.exposed_devs[0]}", r.label());
        assertEquals(Status.DOWN, s.overall(), "a stopped stack is down, not warn");
        assertEquals(Status.DOWN, s.avail());
    }

    @Test
    void labelAndStatusUseTheExposedDeviceOnceUp() {
        FakeConfig cfg = stack();
        disk.states.put("disk#0", Status.UP);
        disk.exposes.put("disk#0", List.of("/dev/loop3"));
        fs.states.put("fs#0", Status.UP);
        InstanceStatus s = evaluator.evaluate(cfg).status();
        assertEquals("fake fs#0 /dev/loop3", s.resources().get("fs#0").label());
        assertEquals(Status.UP, s.resources().get("fs#0").status());
        assertEquals(Status.UP, s.overall());
    }

    @Test
    void aBadReferenceIsUndefWithTheReferenceNamed() {
        FakeConfig cfg = stack().set("fs#0", "dev", "{disk#7.exposed_devs[0]}");
        ResourceStatus r = evaluator.evaluate(cfg).status().resources().get("fs#0");
        assertEquals(Status.UNDEF, r.status());
        assertEquals(List.of(LogEntry.error("reference {disk#7.exposed_devs[0]}: no resource disk#7")), r.log());
    }

    @Test
    void provisionedComesFromTheDriverElseTheRecordElseTrue() throws Exception {
        FakeConfig cfg = store.create("web1").set("disk#0", "type", "loop").set("fs#0", "type", "flag")
                .set("fs#1", "type", "flag");
        InstanceStatus s = evaluator.evaluate(cfg).status();
        assertEquals("true", s.resources().get("fs#0").provisioned());
        assertEquals("true", s.provisioned());

        ProvisionRecord.write(inst.varDir(web1).resolve("fs#0"), false);
        disk.tracksProvisioning = true;
        s = evaluator.evaluate(cfg).status();
        assertEquals("false", s.resources().get("fs#0").provisioned());
        assertEquals(".....P..", s.resources().get("fs#0").flags());
        assertEquals("false", s.resources().get("disk#0").provisioned(), "the driver's answer");
        assertEquals("true", s.resources().get("fs#1").provisioned());
        assertEquals("mixed", s.provisioned());

        ProvisionRecord.write(inst.varDir(web1).resolve("fs#1"), false);
        assertEquals("false", evaluator.evaluate(cfg).status().provisioned());
        disk.provisionedRids.add("disk#0");
        ProvisionRecord.write(inst.varDir(web1).resolve("fs#0"), true);
        ProvisionRecord.write(inst.varDir(web1).resolve("fs#1"), true);
        assertEquals("true", evaluator.evaluate(cfg).status().provisioned());
    }

    @Test
    void instanceProvisionedAggregation() {
        assertEquals("n/a", InstanceStatusEvaluator.provisioned(List.of()));
        assertEquals("true", InstanceStatusEvaluator.provisioned(List.of(res("a#0", "true", false))));
        assertEquals("mixed", InstanceStatusEvaluator.provisioned(List.of(res("a#0", "true", false),
                res("a#1", "false", false))));
        assertEquals("false", InstanceStatusEvaluator.provisioned(List.of(res("a#0", "false", false),
                res("a#1", "true", true))), "disabled resources are left out");
        assertEquals("n/a", InstanceStatusEvaluator.provisioned(List.of(res("a#0", "true", true))));
    }

    private static ResourceStatus res(String rid, String provisioned, boolean disable) {
        return new ResourceStatus(rid, "app.forking", "x", Status.UP, provisioned, false, disable, false, false, false,
                false, false, 0, 0, null, List.of(), List.of());
    }

    @Test
    void aRunningMarkerSetsTheRunningFlagEvenOnACachedStatus() throws Exception {
        store.create("web1").section("task#0").section("task#1");
        StatusServiceImpl service = StatusServiceImpl.withExecutor(store, drivers, inst, new ProcessExecutor());
        InstanceStatus before = service.get(web1);
        assertEquals(List.of(), before.running());
        try (RunningMarker.Held m = RunningMarker.mark(inst.varDir(web1).resolve("task#1"))) {
            InstanceStatus during = service.get(web1);
            assertEquals(List.of("task#1"), during.running());
            assertEquals("R..../..", during.resources().get("task#1").flags(), "a task has nothing to provision");
            assertTrue(during.resources().get("task#1").running());
            assertFalse(during.resources().get("task#0").running());
            assertTrue(evaluator.evaluate(store.load(web1).orElseThrow()).status().resources().get("task#1")
                    .running());
        }
        assertEquals(List.of(), service.get(web1).running());
    }

    @Test
    void aMarkerOfADeadProcessIsIgnored() throws Exception {
        Path dir = inst.varDir(web1).resolve("task#0").resolve(RunningMarker.DIR);
        java.nio.file.Files.createDirectories(dir);
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        java.nio.file.Files.writeString(dir.resolve(p.pid() + "-x"), "\n");
        assertFalse(RunningMarker.isRunning(dir.getParent()));
        java.nio.file.Files.writeString(dir.resolve(ProcessHandle.current().pid() + "-y"), "1\n");
        assertFalse(RunningMarker.isRunning(dir.getParent()), "a live pid with another start time was reused");
    }
}
