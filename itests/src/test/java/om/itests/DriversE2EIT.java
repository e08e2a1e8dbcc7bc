package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Each driver bundle of deploy/ for real through bin/om: start, status up, the effect seen by the OS tools, stop,
 * status down, the effect gone. The actions go through a daemon (one per class) to keep the run short; StackE2EIT,
 * NetnsIpE2EIT and the lock test drive the same drivers embedded, without a daemon.
 */
@ResourceLock(Serial.HOST)
// its ext4 on a loop device would live on in the mount namespace of a lab made meanwhile (om-lab copies the
// host's mounts): no lab runs beside it
@ResourceLock(Serial.LAB)
class DriversE2EIT {
    private static Dist dist;
    private final Cleanup cleanup = new Cleanup();

    @BeforeAll
    static void root() throws Exception {
        dist = new Dist(Dist.newRoot("drv"), "drv1");
        dist.startDaemon();
    }

    @AfterAll
    static void daemon() throws Exception {
        dist.stopDaemon();
    }

    @AfterEach
    void clean() {
        cleanup.run();
    }

    private static Dist.Result ok(Dist.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private static void inOrder(String out, String... texts) {
        int from = 0;
        for (String t : texts) {
            int at = out.indexOf(t, from);
            assertTrue(at >= 0, "'" + t + "' missing or out of order in:\n" + out);
            from = at + t.length();
        }
    }

    @Test
    void ipAndShare() throws Exception {
        String a0 = Host.loAddress(0);
        String a1 = Host.loAddress(1);
        Path dir = Host.scratch("share");
        long fsid = 40000 + Host.RUN % 10000;
        cleanup.mountsUnder(dir);
        cleanup.address(a0 + "/8", "lo");
        cleanup.address(a1 + "/8", "lo");
        cleanup.export("127.0.0.1:" + dir);
        cleanup.export("*:" + dir);
        dist.writeConf("ipsh", "[DEFAULT]\nnodes = drv1\n\n[ip#0]\nipname = " + a0 + "\nipdev = lo\nnetmask = 8\n\n"
                + "[ip#1]\nipname = " + a1 + "\ndev = lo\nalias = true\n\n[share#0]\npath = " + dir
                + "\nopts = 127.0.0.1(ro,fsid=" + fsid + ") *(ro)\n");

        Dist.Result r = ok(dist.om("ipsh", "start", "--local"));
        inOrder(r.out(), "drv1.ipsh.ip#0", "checking availability", "ip addr add " + a0 + "/8 dev lo",
                "drv1.ipsh.ip#1", "checking availability", "ip addr add " + a1 + "/8 dev lo label lo:",
                "exportfs -o ro,fsid=" + fsid + " 127.0.0.1:" + dir, "exportfs -o ro '*:" + dir + "'");
        String lo = Host.loAddresses();
        assertTrue(Host.hasAddress(lo, a0 + "/8"), lo);
        assertTrue(lo.lines().anyMatch(l -> l.contains(" inet " + a1 + "/8 ") && l.matches(".* lo:\\d+\\\\.*")), lo);
        String exports = Host.exports();
        assertTrue(Host.exported(exports, dir, "127.0.0.1"), exports);
        assertTrue(Host.exported(exports, dir, "<world>"), exports);
        StatusJson st = StatusJson.of(dist, "ipsh");
        assertEquals("up", st.status("ip#0"), st.toString());
        assertEquals("up", st.status("ip#1"), st.toString());
        assertEquals("up", st.status("share#0"), st.toString());
        assertEquals(a0 + "/8@lo", st.label("ip#0"), st.toString());
        assertEquals("nfs " + dir, st.label("share#0"), st.toString());

        r = ok(dist.om("ipsh", "stop", "--local"));
        inOrder(r.out(), "exportfs -u ", "exportfs -u ", "ip addr del " + a1 + "/8 dev lo",
                "ip addr del " + a0 + "/8 dev lo");
        lo = Host.loAddresses();
        assertFalse(Host.hasAddress(lo, a0 + "/8"), lo);
        assertFalse(Host.hasAddress(lo, a1 + "/8"), lo);
        exports = Host.exports();
        assertFalse(exports.contains(dir.toString()), exports);
        st = StatusJson.of(dist, "ipsh");
        assertEquals("down", st.avail(), st.toString());
        assertEquals("down", st.status("ip#0"), st.toString());
        assertEquals("down", st.status("share#0"), st.toString());
    }

    @Test
    void loopDiskAndExt4WithProvisioning() throws Exception {
        Path mnt = Host.scratch("dfs").resolve("data");
        Path img = dist.root.resolve("var/svc/dfs/disk0.img");
        cleanup.loopsOf(img);
        cleanup.mountsUnder(mnt.getParent());
        dist.writeConf("dfs", "[DEFAULT]\nnodes = drv1\n\n[disk#0]\ntype = loop\nfile = {var}/disk0.img\nsize = 64m\n\n"
                + "[fs#0]\ntype = ext4\ndev = {disk#0.exposed_devs[0]}\nmnt = " + mnt + "\nmkfs_opt = -L omit\n");

        Dist.Result r = dist.om("dfs", "print", "status");
        assertTrue(r.out().matches("(?s).*disk#0 +\\.{5}P\\.\\. down .*"), r.toString());

        r = ok(dist.om("dfs", "provision"));
        assertTrue(Files.exists(img), r.toString());
        inOrder(r.out(), "drv1.dfs.disk#0", "losetup -f --show " + img, "drv1.dfs.fs#0", "mkfs.ext4 -L omit /dev/loop");
        // provision leaves the object started or stopped: stop it to start from a known state
        ok(dist.om("dfs", "stop", "--local"));
        assertEquals(List.of(), Host.loopsOf(img));
        assertEquals("", Host.mountAt(mnt));
        r = dist.om("dfs", "print", "status");
        // provisioned (no P), and stopped by an explicit stop (X: the daemon will not restart it)
        assertTrue(r.out().matches("(?s).*disk#0 +\\.{7}X down .*"), "provisioned: no P flag, X\n" + r);

        r = ok(dist.om("dfs", "start", "--local"));
        List<String> loops = Host.loopsOf(img);
        assertEquals(1, loops.size(), r.toString());
        String loop = loops.get(0);
        inOrder(r.out(), "losetup -f --show " + img, "e2fsck -p " + loop, "output:", "omit: clean",
                "mount -t ext4 " + loop + " " + mnt);
        assertEquals(loop + " ext4", Host.mountAt(mnt), r.toString());
        StatusJson st = StatusJson.of(dist, "dfs");
        assertEquals("up", st.status("disk#0"), st.toString());
        assertEquals("up", st.status("fs#0"), st.toString());
        assertEquals("loop " + img, st.label("disk#0"), st.toString());
        assertEquals("ext4 " + loop + "@" + mnt, st.label("fs#0"), st.toString());

        r = ok(dist.om("dfs", "stop", "--local"));
        inOrder(r.out(), "umount " + mnt, "losetup -d " + loop);
        assertEquals("", Host.mountAt(mnt));
        assertEquals(List.of(), Host.loopsOf(img));
        st = StatusJson.of(dist, "dfs");
        assertEquals("down", st.status("disk#0"), st.toString());
        assertEquals("down", st.status("fs#0"), st.toString());

        r = ok(dist.om("dfs", "unprovision"));
        assertFalse(Files.exists(img), r.toString());
        assertEquals(List.of(), Host.loopsOf(img));
        r = dist.om("dfs", "print", "status");
        // the explicit stop above still holds: unprovision neither sets nor clears it
        assertTrue(r.out().matches("(?s).*disk#0 +\\.{5}P\\.X down .*"), r.toString());
    }

    @Test
    void tmpfsAndBind() throws Exception {
        Path base = Host.scratch("mnts");
        Path src = Files.createDirectories(base.resolve("src"));
        Files.writeString(src.resolve("hello.txt"), "from the source\n");
        Path tmp = base.resolve("tmp");
        Path bind = base.resolve("bind");
        cleanup.mountsUnder(base);
        dist.writeConf("mnts", "[DEFAULT]\nnodes = drv1\n\n[fs#0]\ntype = tmpfs\ndev = tmpfs\nmnt = " + tmp
                + "\nmnt_opt = size=8m\n\n[fs#1]\ntype = bind\ndev = " + src + "\nmnt = " + bind + "\n");

        Dist.Result r = ok(dist.om("mnts", "start", "--local"));
        assertTrue(Host.mountAt(tmp).endsWith(" tmpfs"), r + Host.mountAt(tmp));
        assertFalse(Host.mountAt(bind).isEmpty(), r.toString());
        assertEquals("from the source\n", Files.readString(bind.resolve("hello.txt")));
        StatusJson st = StatusJson.of(dist, "mnts");
        assertEquals("up", st.status("fs#0"), st.toString());
        assertEquals("up", st.status("fs#1"), st.toString());

        r = ok(dist.om("mnts", "stop", "--local"));
        inOrder(r.out(), "umount ");
        assertEquals("", Host.mountAt(tmp));
        assertEquals("", Host.mountAt(bind));
        assertFalse(Files.exists(bind.resolve("hello.txt")));
        st = StatusJson.of(dist, "mnts");
        assertEquals("down", st.status("fs#0"), st.toString());
        assertEquals("down", st.status("fs#1"), st.toString());
    }

    @Test
    void podmanContainerAndTask() throws Exception {
        String name = "om-e2e-" + Host.RUN + "-ct";
        Path marker = dist.root.resolve("ct.task-failed");
        cleanup.container(name);
        dist.writeConf("ct", "[DEFAULT]\nnodes = drv1\n\n[container#0]\ntype = podman\nname = " + name
                + "\nimage = localhost/busybox:1\nruntime = runc\n"
                + "run_args = --network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024\n"
                + "command = /bin/sleep 300\nstart_timeout = 60s\nrm = true\n\n"
                + "[task#0]\ncommand = /bin/sh -c 'echo hello $OPENSVC_RID; exit 0'\ncheck = last_run\n\n"
                + "[task#1]\ncommand = /bin/sh -c 'exit 3'\ncheck = last_run\non_error = /usr/bin/touch " + marker
                + "\n");

        Dist.Result r = ok(dist.om("ct", "start", "--local"));
        inOrder(r.out(), "podman --runtime runc run -d --name " + name,
                "--network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024", "localhost/busybox:1 /bin/sleep 300");
        assertFalse(r.out().contains("hello"), "start does not run tasks\n" + r);
        assertTrue(Host.containerRunning(name), r.toString());
        StatusJson st = StatusJson.of(dist, "ct");
        assertEquals("up", st.status("container#0"), st.toString());
        assertEquals("podman container " + name + "@localhost/busybox:1", st.label("container#0"), st.toString());
        assertEquals("n/a", st.status("task#0"), "no run yet\n" + st);

        r = ok(dist.om("ct", "stop", "--local"));
        inOrder(r.out(), "podman --runtime runc stop -t 10 " + name);
        assertFalse(Host.containerRunning(name), r.toString());
        assertFalse(Host.containerExists(name), "rm = true removes it\n" + r);

        r = ok(dist.om("ct", "run", "--rid", "task#0"));
        inOrder(r.out(), "drv1.ct.task#0", "hello task#0", "ret 0");
        r = dist.om("ct", "run", "--rid", "task#1");
        assertEquals(1, r.exit(), r.toString());
        assertTrue((r.out() + r.err()).contains("run failed with ret 3"), r.toString());
        assertTrue(Files.exists(marker), "on_error ran\n" + r);

        st = StatusJson.of(dist, "ct");
        assertEquals("down", st.status("container#0"), st.toString());
        assertEquals("up", st.status("task#0"), "last_run ok\n" + st);
        assertEquals("warn", st.status("task#1"), "last_run ret 3 through retcodes 0:up 1:down\n" + st);
        assertEquals("down", st.avail(), st.toString());
    }
}
