package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * One service stacking ip + disk.loop + fs ext4 on the loop + an NFS share of the mount + a podman container using
 * the mount + an app writing into it, provisioned, started and stopped with bin/om embedded (no daemon): the order
 * of the action log and the OS effects between the actions.
 */
@ResourceLock(Serial.HOST)
// its ext4 on a loop device would live on in the mount namespace of a lab made meanwhile (om-lab copies the
// host's mounts): no lab runs beside it
@ResourceLock(Serial.LAB)
class StackE2EIT {
    private static final List<String> START_ORDER = List.of("ip", "disk", "fs", "share", "container", "app");
    private static final List<String> STOP_ORDER = List.of("app", "container", "share", "fs", "disk", "ip");

    private static Dist dist;
    private static final Cleanup CLEANUP = new Cleanup();
    private static String addr;
    private static Path mnt;
    private static Path img;
    private static String container;

    @BeforeAll
    static void service() throws Exception {
        dist = new Dist(Dist.newRoot("stk"), "stk1");
        addr = Host.loAddress(0);
        mnt = Host.scratch("stk").resolve("data");
        img = dist.root.resolve("var/svc/stk/disk0.img");
        container = "om-e2e-" + Host.RUN + "-stk";
        long fsid = 41000 + Host.RUN % 10000;
        CLEANUP.mountsUnder(mnt.getParent());
        CLEANUP.loopsOf(img);
        CLEANUP.address(addr + "/8", "lo");
        CLEANUP.export("127.0.0.1:" + mnt);
        CLEANUP.container(container);
        dist.writeConf("stk", "[DEFAULT]\nnodes = stk1\n\n"
                + "[app#0]\nstart = /bin/touch " + mnt + "/app.up\nstop = /bin/rm -f " + mnt + "/app.up\n"
                + "check = /usr/bin/test -e " + mnt + "/app.up\n\n"
                + "[container#0]\ntype = podman\nname = " + container + "\nimage = localhost/busybox:1\nruntime = runc\n"
                + "run_args = --network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024\n"
                + "volume_mounts = " + mnt + ":/data\n"
                + "command = /bin/sh -c 'echo from-container > /data/c.txt; exec sleep 300'\n"
                + "start_timeout = 60s\nrm = true\n\n"
                + "[share#0]\npath = " + mnt + "\nopts = 127.0.0.1(rw,fsid=" + fsid + ",no_root_squash)\n\n"
                + "[fs#0]\ntype = ext4\ndev = {disk#0.exposed_devs[0]}\nmnt = " + mnt + "\nmkfs_opt = -L omstk\n\n"
                + "[disk#0]\ntype = loop\nfile = {var}/disk0.img\nsize = 64m\n\n"
                + "[ip#0]\nipname = " + addr + "\nipdev = lo\nnetmask = 8\n");
    }

    @AfterAll
    static void clean() {
        CLEANUP.run();
    }

    private static Dist.Result ok(Dist.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private static void assertAllGone(String context) throws Exception {
        assertFalse(Host.hasAddress(Host.loAddresses(), addr + "/8"), context);
        assertEquals(List.of(), Host.loopsOf(img), context);
        assertEquals("", Host.mountAt(mnt), context);
        assertFalse(Host.exports().contains(mnt.toString()), context);
        assertFalse(Host.containerRunning(container), context);
    }

    private static void assertOrder(List<String> expected) throws Exception {
        List<ActionLogFile.Line> log = ActionLogFile.lastSession(dist, "stk");
        assertEquals(expected, ActionLogFile.groupOrder(log), ActionLogFile.dump(log));
    }

    @Test
    void provisionStartStop() throws Exception {
        Dist.Result r = ok(dist.om("stk", "provision"));
        assertTrue(Files.exists(img), r.toString());
        assertTrue(r.out().contains("mkfs.ext4 -L omstk /dev/loop"), r.toString());

        // provision may leave the service up: a stop brings it to a known state and shows the stop order
        r = ok(dist.om("stk", "stop", "--local"));
        assertOrder(STOP_ORDER);
        assertAllGone(r.toString());

        r = ok(dist.om("stk", "start", "--local"));
        assertOrder(START_ORDER);
        String out = r.out();
        int ip = out.indexOf("ip addr add " + addr + "/8 dev lo");
        int loop = out.indexOf("losetup -f --show " + img);
        int mount = out.indexOf("mount -t ext4 /dev/loop");
        int export = out.indexOf("exportfs -o rw,fsid=");
        int run = out.indexOf("podman --runtime runc run -d --name " + container);
        int app = out.indexOf("exec /bin/touch " + mnt + "/app.up");
        assertTrue(0 <= ip && ip < loop && loop < mount && mount < export && export < run && run < app, out);

        String lo = Host.loAddresses();
        assertTrue(Host.hasAddress(lo, addr + "/8"), lo);
        List<String> loops = Host.loopsOf(img);
        assertEquals(1, loops.size(), r.toString());
        assertEquals(loops.get(0) + " ext4", Host.mountAt(mnt));
        assertTrue(Host.exported(Host.exports(), mnt, "127.0.0.1"), Host.exports());
        assertTrue(Host.containerRunning(container), r.toString());
        assertTrue(Files.exists(mnt.resolve("app.up")), "the app wrote on the ext4 mount");
        long end = System.currentTimeMillis() + 10000;
        while (!Files.exists(mnt.resolve("c.txt")) && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        assertEquals("from-container\n", Files.readString(mnt.resolve("c.txt")), "the container sees the mount");

        StatusJson st = StatusJson.of(dist, "stk");
        assertEquals("up", st.avail(), st.toString());
        for (String rid : List.of("ip#0", "disk#0", "fs#0", "share#0", "container#0", "app#0")) {
            assertEquals("up", st.status(rid), rid + "\n" + st);
            assertEquals("true", st.provisioned(rid), rid + "\n" + st);
        }
        assertEquals("ext4 " + loops.get(0) + "@" + mnt, st.label("fs#0"), st.toString());

        r = ok(dist.om("stk", "stop", "--local"));
        assertOrder(STOP_ORDER);
        out = r.out();
        int appStop = out.indexOf("exec /bin/rm -f " + mnt + "/app.up");
        int podStop = out.indexOf("podman --runtime runc stop");
        int unexport = out.indexOf("exportfs -u 127.0.0.1:" + mnt);
        int umount = out.indexOf("umount " + mnt);
        int detach = out.indexOf("losetup -d " + loops.get(0));
        int ipDel = out.indexOf("ip addr del " + addr + "/8 dev lo");
        assertTrue(0 <= appStop && appStop < podStop && podStop < unexport && unexport < umount && umount < detach
                && detach < ipDel, out);
        assertAllGone(r.toString());
        assertTrue(Files.exists(img), "stop keeps the backing file");
    }
}
