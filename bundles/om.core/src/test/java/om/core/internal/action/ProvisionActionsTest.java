package om.core.internal.action;

import static om.core.internal.action.EngineFixture.opts;
import static om.core.internal.action.EngineFixture.rids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.api.action.ActionResult;
import om.api.status.Level;
import om.api.status.Status;
import om.core.internal.driver.ProvisionRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionActionsTest {
    @TempDir
    Path root;
    private EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(root);
    }

    private Path ridDir(String rid) {
        return f.inst.varDir(ObjectPath.parse("web1")).resolve(rid);
    }

    /** The provision and start calls, in order, as {@code <verb> <rid>}. */
    private List<String> provisionAndStart() {
        return f.journal.stream().filter(l -> l.startsWith("provision ") || l.startsWith("start ")).toList();
    }

    @Test
    void provisionWalksStartOrderProvisioningThenStartingEachResource() throws Exception {
        f.web1();
        f.driver("disk").tracksProvisioning = true;
        ActionResult r = f.run("provision", ActionOptions.defaults());
        assertTrue(r.ok(), r.error());
        assertEquals(List.of("provision ip#0", "start ip#0", "provision disk#0", "start disk#0", "provision fs#0",
                "start fs#0", "provision share#0", "start share#0", "provision container#0", "start container#0",
                "provision app#0", "start app#0", "provision app#1", "start app#1", "provision sync#0",
                "provision task#0"), provisionAndStart());
        assertEquals(Optional.of(true), ProvisionRecord.read(ridDir("fs#0")));
        assertTrue(Files.readString(ridDir("fs#0").resolve("provisioned")).matches("true \\d{4}-.*Z\n"));
        assertEquals(Optional.of(true), ProvisionRecord.read(ridDir("task#0")), "provisioned, never started");
        assertEquals("true", r.status().provisioned());
        assertEquals(Status.UP, r.status().avail(), "provision leaves the instance started");
        assertTrue(Files.exists(f.inst.varDir(ObjectPath.parse("web1")).resolve("last_start")));
    }

    @Test
    void alreadyProvisionedResourcesAreNotProvisionedAgain() {
        f.web1();
        f.driver("disk").tracksProvisioning = true;
        f.driver("disk").provisionedRids.add("disk#0");
        assertTrue(f.run("provision", rids("disk")).ok());
        assertEquals(List.of(), f.calls("provision"));
        assertTrue(f.log.has("disk#0", Level.INFO, "fake disk#0 is already provisioned"));
        assertEquals(List.of("disk#0"), f.calls("start"));
    }

    @Test
    void provisionFiltersApplyAndProvisionFalseOnlyStarts() {
        f.web1().set("fs#0", "provision", "false");
        assertTrue(f.run("provision", rids("fs", "disk")).ok());
        assertEquals(List.of("disk#0"), f.calls("provision"));
        assertEquals(List.of("disk#0", "fs#0"), f.calls("start"));
        assertEquals(Optional.empty(), ProvisionRecord.read(ridDir("fs#0")));
    }

    @Test
    void aFailedProvisionRollsBackWhatItStarted() {
        f.web1();
        f.driver("fs").failProvision.add("fs#0");
        ActionResult r = f.run("provision", ActionOptions.defaults());
        assertFalse(r.ok());
        assertEquals("fs#0: provision of fs#0 failed on purpose", r.error());
        assertEquals(List.of("disk#0", "ip#0"), f.calls("stop"));
        assertEquals(List.of(), f.calls("unprovision"), "a rollback stops, it does not destroy");
        assertEquals(Optional.empty(), ProvisionRecord.read(ridDir("fs#0")));
    }

    @Test
    void unprovisionStopsThenUnprovisionsEachResourceInStopOrderStandbyIncluded() {
        f.web1().set("disk#0", "standby", "true");
        f.driver("disk").tracksProvisioning = true;
        assertTrue(f.run("provision", ActionOptions.defaults()).ok());
        f.journal.clear();
        ActionResult r = f.run("unprovision", ActionOptions.defaults());
        assertTrue(r.ok(), r.error());
        List<String> seq = f.journal.stream().filter(l -> l.startsWith("stop ") || l.startsWith("unprovision "))
                .toList();
        assertEquals(List.of("unprovision task#0", "unprovision sync#0", "stop app#1", "unprovision app#1", "stop app#0", "unprovision app#0",
                "stop container#0", "unprovision container#0", "stop share#0", "unprovision share#0", "stop fs#0",
                "unprovision fs#0", "stop disk#0", "unprovision disk#0", "stop ip#0", "unprovision ip#0"), seq);
        assertEquals(Optional.of(false), ProvisionRecord.read(ridDir("app#0")));
        assertEquals("false", r.status().provisioned());
        assertEquals("P", r.status().resources().get("disk#0").flags().substring(5, 6));
        assertEquals(Status.STDBY_DOWN, r.status().resources().get("disk#0").status());
    }

    @Test
    void startingAnUnprovisionedResourceFailsWithoutTouchingIt() {
        f.web1();
        f.driver("fs").tracksProvisioning = true;
        f.driver("fs").provisionedRids.clear();
        ActionResult r = f.run("start", ActionOptions.defaults());
        assertFalse(r.ok());
        assertEquals("fs#0: not provisioned (run om web1 provision)", r.error());
        assertFalse(f.calls("start").contains("fs#0"));
        assertEquals(List.of("disk#0", "ip#0"), f.calls("stop"), "rolled back");
    }

    @Test
    void aRecordedUnprovisionedStateShowsButDoesNotBlockAResourceWithNothingToProvision() throws Exception {
        // an app (or ip) has no backing to create: after an unprovision it must be able to start again
        f.web1();
        ProvisionRecord.write(ridDir("app#1"), false);
        ActionResult r = f.run("start", rids("app"));
        assertTrue(r.ok(), r.error());
        assertTrue(f.calls("start").contains("app#1"));
        assertEquals("mixed", f.engine.run(ObjectPath.parse("web1"), "stop", rids("app"), f.log).status()
                .provisioned());
    }

    @Test
    void dryRunsChangeNothing() {
        f.web1();
        assertTrue(f.run("provision", opts(false, true, false, List.of(), null, List.of())).ok());
        assertTrue(f.run("unprovision", opts(false, true, false, List.of(), null, List.of())).ok());
        assertEquals(List.of(), f.calls("provision"));
        assertEquals(List.of(), f.calls("unprovision"));
        assertTrue(f.log.has("fs#0", Level.INFO, "would provision and start"));
        assertTrue(f.log.has("fs#0", Level.INFO, "would stop and unprovision"));
        assertEquals(Optional.empty(), ProvisionRecord.read(ridDir("fs#0")));
    }
}
