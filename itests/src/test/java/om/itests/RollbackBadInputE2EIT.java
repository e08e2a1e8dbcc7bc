package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Failed starts roll back for real (nothing left mounted, attached, configured or exported), and bad configurations
 * are reported with file:line by `config validate` and with one line at start. Through a daemon.
 */
@ResourceLock(Serial.HOST)
// its ext4 on a loop device would live on in the mount namespace of a lab made meanwhile (om-lab copies the
// host's mounts): no lab runs beside it
@ResourceLock(Serial.LAB)
class RollbackBadInputE2EIT {
    private static Dist dist;
    private final Cleanup cleanup = new Cleanup();

    @BeforeAll
    static void daemon() throws Exception {
        dist = new Dist(Dist.newRoot("rb"), "rb1");
        dist.startDaemon();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        dist.stopDaemon();
    }

    @AfterEach
    void clean() {
        cleanup.run();
    }

    private static long errorLines(Dist.Result r) {
        return r.err().lines().filter(l -> l.startsWith("error:")).count();
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        return lines.indexOf(text) + 1;
    }

    /** A failing app after a mounted ext4 on a loop device: the rollback unmounts and detaches. */
    @Test
    void failingAppAfterMountedFsLeavesNothingMounted() throws Exception {
        Path mnt = Host.scratch("rb").resolve("data");
        Path img = dist.root.resolve("var/svc/rb/rb.img");
        cleanup.loopsOf(img);
        cleanup.mountsUnder(mnt.getParent());
        dist.writeConf("rb", "[DEFAULT]\nnodes = rb1\n\n[disk#0]\ntype = loop\nfile = {var}/rb.img\nsize = 32m\n\n"
                + "[fs#0]\ntype = ext4\ndev = {disk#0.exposed_devs[0]}\nmnt = " + mnt + "\n\n"
                + "[app#0]\nstart = /bin/false\nstop = /bin/true\n");
        Dist.Result r = dist.om("rb", "provision", "--rid", "disk,fs");
        assertEquals(0, r.exit(), r.toString());
        r = dist.om("rb", "stop", "--local");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(), Host.loopsOf(img), r.toString());

        r = dist.om("rb", "start", "--local");
        assertEquals(1, r.exit(), r.toString());
        String out = r.out();
        int mount = out.indexOf("mount -t ext4 /dev/loop");
        int rollback = out.indexOf("rollback start");
        int umount = out.indexOf("umount " + mnt);
        int detach = out.indexOf("losetup -d /dev/loop");
        assertTrue(0 <= mount && mount < rollback && rollback < umount && umount < detach, r.toString());
        assertEquals(1, errorLines(r), r.toString());
        assertEquals("", Host.mountAt(mnt), r.toString());
        assertEquals(List.of(), Host.loopsOf(img), r.toString());
    }

    @Test
    void missingKeywordsAreReportedWithFileAndLine() throws Exception {
        Path conf = dist.writeConf("val", "[DEFAULT]\nnodes = rb1\n\n[fs#0]\ntype = ext4\n\n[ip#0]\nipname = "
                + Host.loAddress(0) + "\n\n[share#0]\npath = /tmp\n\n[app#0]\nstart = /bin/true\ntimeout = abc\n");
        Dist.Result r = dist.om("val", "config", "validate");
        assertEquals(1, r.exit(), r.toString());
        String err = r.err();
        assertTrue(err.contains(conf + ":" + lineOf(conf, "[fs#0]") + ": fs#0: missing required keyword 'mnt'"), err);
        assertTrue(err.contains(conf + ":" + lineOf(conf, "[ip#0]") + ": ip#0: missing required keyword 'ipdev'"), err);
        assertTrue(err.contains(conf + ":" + lineOf(conf, "[share#0]") + ": share#0: missing required keyword 'opts'"),
                err);
        assertTrue(err.contains(conf + ":" + lineOf(conf, "timeout = abc") + ": app#0.timeout:"), err);

        // the engine refuses it before acting: one line, nothing started
        r = dist.om("val", "start", "--local");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, errorLines(r), r.toString());
        assertFalse(r.out().contains("exec /bin/true"), r.toString());
    }

    /** Bad values found only when acting: the resource fails with one line and the others started are undone. */
    @Test
    void badValuesAtStartFailOneResourceAndRollBack() throws Exception {
        String addr = Host.loAddress(1);
        Path base = Host.scratch("bad");
        Path img = dist.root.resolve("var/svc/bad/bad.img");
        cleanup.mountsUnder(base);
        cleanup.loopsOf(img);
        cleanup.address(addr + "/8", "lo");
        Files.createDirectories(img.getParent());
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(16L << 20);
        }
        dist.writeConf("bad", "[DEFAULT]\nnodes = rb1\n\n[ip#0]\nipname = " + addr + "\nipdev = lo\nnetmask = 8\n\n"
                + "[disk#0]\ntype = loop\nfile = {var}/bad.img\n\n"
                + "[fs#1]\ntype = tmpfs\ndev = tmpfs\nmnt = " + base.resolve("a") + "\n\n"
                + "[fs#0]\ntype = ext4\ndev = /nonexistent\nmnt = " + base.resolve("b") + "\n");
        Dist.Result r = dist.om("bad", "start", "--local");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("error: bad: start failed: fs#0: /nonexistent does not exist"), r.toString());
        assertEquals(1, errorLines(r), r.toString());
        assertTrue(r.out().contains("rollback start"), r.toString());
        assertEquals("", Host.mountAt(base.resolve("a")), r.toString());
        assertEquals("", Host.mountAt(base.resolve("b")), r.toString());
        assertEquals(List.of(), Host.loopsOf(img), r.toString());
        assertFalse(Host.hasAddress(Host.loAddresses(), addr + "/8"), r.toString());

        Path missing = base.resolve("no-such-dir");
        cleanup.export("127.0.0.1:" + missing);
        dist.writeConf("bad", "[DEFAULT]\nnodes = rb1\n\n[fs#0]\ntype = tmpfs\ndev = tmpfs\nmnt = " + base.resolve("a")
                + "\n\n[share#0]\npath = " + missing + "\nopts = 127.0.0.1(ro)\n");
        r = dist.om("bad", "start", "--local");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("error: bad: start failed: share#0: path " + missing + " does not exist"),
                r.toString());
        assertEquals(1, errorLines(r), r.toString());
        assertEquals("", Host.mountAt(base.resolve("a")), "rolled back\n" + r);
        assertFalse(Host.exports().contains(missing.toString()), r.toString());
    }
}
