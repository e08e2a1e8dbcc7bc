package om.driver.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import om.api.driver.ActionException;
import om.api.status.Status;
import om.testkit.FakeContext;
import om.testkit.Os;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real volume group on a loop device, checked with vgs. This kernel has no device-mapper, so the group holds
 * no logical volume: activation is exercised on an empty group.
 */
class VgDriverTest {
    @TempDir
    Path tmp;
    private String vg;
    private String pv;
    private FakeContext ctx;
    private final VgDriver driver = new VgDriver();

    @BeforeEach
    void setUp() throws Exception {
        vg = "omtest" + ProcessHandle.current().pid();
        LoopDriver loop = new LoopDriver();
        FakeContext l = FakeContext.of("disk#0", tmp.resolve("var"),
                "file", tmp.toRealPath().resolve("pv.img").toString(), "size", "32m");
        loop.provision(l);
        loop.start(l);
        pv = loop.exposedDevices(l).get(0);
        ctx = FakeContext.of("disk#0", tmp.resolve("var"), "name", vg, "pvs", pv);
    }

    @AfterEach
    void cleanUp() throws IOException {
        Os.run("vgremove", "-f", vg);
        Os.run("pvremove", pv);
        Os.cleanUnder(tmp);
    }

    private String tags() {
        return Os.ok("vgs", "--noheadings", "-o", "vg_tags", vg).strip();
    }

    @Test
    void provisionStartStopUnprovision() throws Exception {
        assertEquals(Optional.of(false), driver.provisioned(ctx));
        assertEquals(Status.DOWN, driver.status(ctx).status());
        driver.provision(ctx);
        assertTrue(ctx.lines("info").contains("vgcreate " + vg + " " + pv), ctx.log().toString());
        assertEquals(Optional.of(true), driver.provisioned(ctx));
        assertEquals(Status.DOWN, driver.status(ctx).status());

        Os.ok("vgchange", "--addtag", "othernode", vg);
        driver.start(ctx);
        assertEquals("n1", tags(), "the node took the group from the other node");
        assertEquals(Status.UP, driver.status(ctx).status());
        assertTrue(ctx.lines("info").contains("vgchange -a y " + vg));

        driver.stop(ctx);
        assertEquals("", tags());
        assertEquals(Status.DOWN, driver.status(ctx).status());

        driver.unprovision(ctx);
        assertEquals(Optional.of(false), driver.provisioned(ctx));
        assertTrue(Os.run("vgs", vg).code() != 0);
    }

    @Test
    void startOfAMissingGroupFailsInOneLine() {
        ActionException e = assertThrows(ActionException.class, () -> driver.start(ctx));
        assertEquals("volume group " + vg + " does not exist", e.getMessage());
        assertEquals("vg " + vg, driver.label(ctx));
    }
}
