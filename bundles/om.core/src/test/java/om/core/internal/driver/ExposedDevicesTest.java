package om.core.internal.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import om.api.action.ActionOptions;
import om.api.driver.ActionException;
import om.api.status.Status;
import om.core.internal.exec.ProcessExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExposedDevicesTest {
    @TempDir
    Path root;
    private FakeInstallation inst;
    private FakeStore store;
    private DriverRegistryImpl drivers;
    private FakeDriver disk;

    @BeforeEach
    void setUp() {
        inst = new FakeInstallation(root, "n1");
        store = new FakeStore(inst);
        drivers = new DriverRegistryImpl();
        disk = new FakeDriver("disk", "loop");
        drivers.addDriver(disk);
        drivers.addDriver(new FakeDriver("fs", "flag", disk.journal()));
    }

    private ResourceContextImpl ctx(FakeConfig cfg, String rid) {
        return new ResourceContextImpl(cfg, rid, inst, ActionOptions.defaults(), new RecordingLog(), "start",
                new ProcessExecutor(), drivers);
    }

    private FakeConfig stack() {
        return store.create("web1").set("disk#0", "type", "loop").set("fs#0", "type", "flag")
                .set("fs#0", "dev", "{disk#0.exposed_devs[0]}").set("fs#0", "opts", "{disk#0.exposed_devs[1]} x");
    }

    @Test
    void referencesResolveThroughTheExposingDriverAtEachRead() throws ActionException {
        FakeConfig cfg = stack();
        disk.exposes.put("disk#0", List.of("/dev/loop7", "/dev/loop8"));
        disk.states.put("disk#0", Status.UP);
        ResourceContextImpl c = ctx(cfg, "fs#0");
        assertEquals(Optional.of("/dev/loop7"), c.value("dev"));
        assertEquals("/dev/loop7", c.require("dev"));
        assertEquals(List.of("/dev/loop8", "x"), c.list("opts"));
        assertEquals(Optional.of("/dev/loop7"), c.config().get("fs#0", "dev"));
        assertEquals("on /dev/loop8", c.config().expand("fs#0", "on {disk#0.exposed_devs[1]}"));
        assertEquals(Optional.of("{disk#0.exposed_devs[0]}"), c.rawConfig().get("fs#0", "dev"));
        disk.exposes.put("disk#0", List.of("/dev/loop9"));
        assertEquals("/dev/loop9", c.require("dev"), "no stale value: the device is asked at each read");
    }

    @Test
    void aDownDiskExposesNothingAndThatIsToldApart() {
        ResourceContextImpl c = ctx(stack(), "fs#0");
        ActionException e = assertThrows(ActionException.class, () -> c.require("dev"));
        assertEquals("reference {disk#0.exposed_devs[0]}: disk#0 exposes no device (is it up?)", e.getMessage());
        assertTrue(c.unexposedReference().isPresent());
        assertTrue(DeviceReferenceException.notExposedIn(e).isPresent());
        assertEquals("fake fs#0 {disk#0.exposed_devs[0]}", labelOf(c), "labels keep the reference verbatim");
    }

    private String labelOf(ResourceContextImpl c) {
        FakeDriver fs = (FakeDriver) drivers.find("fs", "flag").orElseThrow();
        fs.readKey = "dev";
        return fs.label(c.lenient());
    }

    @Test
    void configurationErrorsNameTheReference() {
        FakeConfig cfg = stack().set("fs#1", "type", "flag").set("fs#1", "dev", "{disk#9.exposed_devs[0]}")
                .set("fs#2", "type", "flag").set("fs#2", "dev", "{disk#1.exposed_devs[0]}")
                .set("disk#1", "type", "vg");
        disk.exposes.put("disk#0", List.of("/dev/loop7"));
        disk.states.put("disk#0", Status.UP);
        assertEquals("reference {disk#9.exposed_devs[0]}: no resource disk#9",
                assertThrows(ActionException.class, () -> ctx(cfg, "fs#1").require("dev")).getMessage());
        assertEquals("reference {disk#1.exposed_devs[0]}: driver disk.vg of disk#1 is not available",
                assertThrows(ActionException.class, () -> ctx(cfg, "fs#2").require("dev")).getMessage());
        assertEquals("reference {disk#0.exposed_devs[1]}: no device at index 1, disk#0 exposes 1",
                assertThrows(ActionException.class, () -> ctx(cfg, "fs#0").require("opts")).getMessage());
        DeviceReferenceException unchecked = assertThrows(DeviceReferenceException.class,
                () -> ctx(cfg, "fs#1").value("dev"));
        assertFalse(unchecked.notExposed());
    }

    @Test
    void aReferenceLoopIsAnErrorNotAStackOverflow() {
        FakeConfig cfg = store.create("web1").set("disk#0", "type", "loop").set("disk#0", "file",
                "{disk#1.exposed_devs[0]}").set("disk#1", "type", "loop").set("disk#1", "file",
                "{disk#0.exposed_devs[0]}");
        DriverRegistryImpl loopRegistry = new DriverRegistryImpl();
        loopRegistry.addDriver(new LoopReader());
        DeviceReferenceException e = assertThrows(DeviceReferenceException.class, () -> new ResourceContextImpl(cfg,
                "disk#0", inst, ActionOptions.defaults(), new RecordingLog(), "start", new ProcessExecutor(),
                loopRegistry).value("file"));
        assertTrue(e.getMessage().contains("reference loop through"), e.getMessage());
    }

    /** A disk driver whose exposed devices depend on its own {@code file} value. */
    private static final class LoopReader extends FakeDriverBase {
        @Override
        public List<String> exposedDevices(om.api.driver.ResourceContext ctx) {
            return List.of(ctx.value("file").orElse(""));
        }
    }

    @Test
    void withoutARegistryReferencesStayVerbatim() {
        ResourceContextImpl c = new ResourceContextImpl(stack(), "fs#0", inst, ActionOptions.defaults(),
                new RecordingLog(), "start", new ProcessExecutor());
        assertEquals(Optional.of("{disk#0.exposed_devs[0]}"), c.value("dev"));
    }
}
