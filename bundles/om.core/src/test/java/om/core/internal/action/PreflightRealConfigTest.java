package om.core.internal.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.api.config.ObjectConfig;
import om.core.internal.driver.RecordingLog;
import om.core.internal.driver.ResourceContextImpl;
import om.core.internal.driver.ResourceSpec;
import om.core.internal.exec.ProcessExecutor;
import om.core.internal.keywords.FakeDriver;
import om.core.internal.keywords.FakeRegistry;
import om.core.internal.node.InstallationImpl;
import om.core.internal.store.ObjectStoreImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyword validation before acting, over configs read from files (aliases, defaults, references). */
class PreflightRealConfigTest {
    @TempDir
    Path root;

    private Map<String, String> problems(String text) throws Exception {
        InstallationImpl inst = new InstallationImpl(root, "n1");
        FakeRegistry drivers = FakeRegistry.standard();
        ObjectStoreImpl store = new ObjectStoreImpl(inst, drivers);
        Path file = inst.configFile(ObjectPath.parse("web1"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        ObjectConfig cfg = store.load(ObjectPath.parse("web1")).orElseThrow();
        List<PlannedResource> plan = cfg.rids().stream().map(rid -> {
            ResourceSpec spec = ResourceSpec.read(cfg, rid);
            ResourceContextImpl ctx = new ResourceContextImpl(cfg, rid, inst, ActionOptions.defaults(),
                    new RecordingLog(), "start", new ProcessExecutor(), drivers);
            return new PlannedResource(spec, spec.driver(drivers).orElse(null), ctx, rid, null);
        }).toList();
        return Preflight.problems(plan);
    }

    @Test
    void aliasesSatisfyRequiredKeywordsAndDeviceReferencesAreNotJudged() throws Exception {
        assertTrue(FakeDriver.ipHost().keywords().get(0).answersTo("name"));
        assertEquals(Map.of(), problems("""
                [ip#0]
                name = 127.0.0.9
                dev = lo
                [fs#0]
                type = ext4
                mnt = /srv
                dev = {disk#0.exposed_devs[0]}
                [app#0]
                start = /bin/true
                """));
    }

    @Test
    void missingAndInvalidValuesAreReportedPerResource() throws Exception {
        assertEquals(Map.of("ip#0", "ipdev is required", "fs#0", "size: invalid value '3 apples' (expected a size"
                        + " (like 512m, 2g))", "app#0", "start: invalid value 'x 'y' (expected a valid command line"
                        + " (unterminated single quote in 'x 'y'))"),
                problems("""
                        [ip#0]
                        ipname = 127.0.0.9
                        [fs#0]
                        type = ext4
                        mnt = /srv
                        size = 3 apples
                        [app#0]
                        start = x 'y
                        """));
    }
}
