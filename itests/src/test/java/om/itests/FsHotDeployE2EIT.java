package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Hot deploy of a driver bundle under a running daemon, on a copy of the distribution tree (other tests keep the
 * build's deploy/ untouched): removing om.driver.fs turns fs resources n/a with a reason, restoring it brings them
 * back, with the same daemon process.
 */
@ResourceLock(Serial.HOST)
class FsHotDeployE2EIT {
    private static final Cleanup CLEANUP = new Cleanup();
    private static Path copy;
    private static Dist dist;
    private static Path mnt;

    @BeforeAll
    static void copyOfTheDistribution() throws Exception {
        Path base = Files.createDirectories(Paths.get("target", "dist-copies").toAbsolutePath());
        copy = Files.createTempDirectory(base, "om");
        CLEANUP.add(() -> Host.sh("rm", "-rf", copy.toString()));
        Dist.Result r = Host.sh("cp", "-a", Dist.defaultHome() + "/.", copy.toString());
        assertEquals(0, r.exit(), r.toString());
        dist = new Dist(copy, Dist.newRoot("hd"), "hd1");
        mnt = Host.scratch("hd").resolve("m");
        CLEANUP.mountsUnder(mnt.getParent());
        CLEANUP.daemon(dist);
        dist.writeConf("hd", "[DEFAULT]\nnodes = hd1\n\n[fs#0]\ntype = tmpfs\ndev = tmpfs\nmnt = " + mnt + "\n");
    }

    @AfterAll
    static void clean() throws Exception {
        dist.stopDaemon();
        CLEANUP.run();
    }

    private static Path fsJar(Path dir) throws Exception {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "om.driver.fs-*.jar")) {
            for (Path j : jars) {
                return j;
            }
        }
        throw new AssertionError("no om.driver.fs jar in " + dir);
    }

    /** Polls print status until fs#0 matches (the deploy folder is watched, not pushed). */
    private static StatusJson awaitFs(Predicate<StatusJson> expected) throws Exception {
        long end = System.currentTimeMillis() + 30000;
        StatusJson st = StatusJson.of(dist, "hd");
        while (!expected.test(st) && System.currentTimeMillis() < end) {
            Thread.sleep(250);
            st = StatusJson.of(dist, "hd");
        }
        return st;
    }

    @Test
    void removingTheFsBundleTurnsFsResourcesNaAndRestoringItBringsThemBack() throws Exception {
        dist.startDaemon();
        String pid = Files.readString(dist.root.resolve("var/omd.pid")).trim();
        Dist.Result r = dist.om("hd", "start", "--local");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Host.mountAt(mnt).endsWith(" tmpfs"), r.toString());
        StatusJson st = StatusJson.of(dist, "hd");
        assertEquals("up", st.status("fs#0"), st.toString());

        Path jar = fsJar(copy.resolve("deploy"));
        Path parked = copy.resolve(jar.getFileName());
        Files.move(jar, parked);
        st = awaitFs(s -> s.status("fs#0").equals("n/a"));
        assertEquals("n/a", st.status("fs#0"), st.toString());
        assertTrue(st.log("fs#0").contains("warn: driver fs.tmpfs is not available"), st.toString());
        assertTrue(Host.mountAt(mnt).endsWith(" tmpfs"), "om does not touch what it cannot see");

        Files.move(parked, jar);
        st = awaitFs(s -> s.status("fs#0").equals("up"));
        assertEquals("up", st.status("fs#0"), st.toString());
        assertEquals(pid, Files.readString(dist.root.resolve("var/omd.pid")).trim(), "same daemon, no restart");

        r = dist.om("hd", "stop", "--local");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("umount " + mnt), r.toString());
        assertEquals("", Host.mountAt(mnt));
    }
}
