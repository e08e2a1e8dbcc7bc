package om.driver.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import om.api.config.Keyword;
import om.api.driver.ActionException;
import om.api.status.Status;
import om.testkit.FakeContext;
import om.testkit.Os;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real loop devices on files of a temporary directory, checked with losetup -j. */
class LoopDriverTest {
    @TempDir
    Path tmp;
    private Path file;
    private FakeContext ctx;
    private final LoopDriver driver = new LoopDriver();

    @BeforeEach
    void setUp() throws IOException {
        file = tmp.toRealPath().resolve("disk0.img");
        ctx = FakeContext.of("disk#0", tmp.resolve("var"), "file", file.toString(), "size", "16m");
    }

    @AfterEach
    void cleanUp() throws IOException {
        Os.cleanUnder(tmp);
    }

    private String losetupJ() {
        return Os.ok("losetup", "-j", file.toString());
    }

    @Test
    void provisionCreatesASparseFileOfSize() throws Exception {
        assertEquals(Optional.of(false), driver.provisioned(ctx));
        driver.provision(ctx);
        assertEquals(16L << 20, Files.size(file));
        long allocated = Long.parseLong(Os.ok("stat", "-c", "%b", file.toString()).strip()) * 512;
        assertTrue(allocated < 1 << 20, "sparse: " + allocated + " bytes allocated");
        assertEquals(Optional.of(true), driver.provisioned(ctx));
        assertTrue(ctx.lines("info").contains("create " + file + " of 16m (sparse)"), ctx.log().toString());
        driver.provision(ctx);
        assertTrue(ctx.lines("info").contains(file + " already exists"));
    }

    @Test
    void provisionWithoutSizeFailsWhenTheFileIsMissing() {
        ctx.unset("size");
        ActionException e = assertThrows(ActionException.class, () -> driver.provision(ctx));
        assertEquals(file + " does not exist and disk#0.size is not set", e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void badSizeIsOneLine() {
        ctx.set("size", "12 apples");
        ActionException e = assertThrows(ActionException.class, () -> driver.provision(ctx));
        assertEquals("disk#0.size: not a size: '12 apples'", e.getMessage());
    }

    @Test
    void startAttachesStopDetaches() throws Exception {
        driver.provision(ctx);
        assertEquals(Status.DOWN, driver.status(ctx).status());
        assertEquals(List.of(), driver.exposedDevices(ctx));

        driver.start(ctx);
        String listed = losetupJ();
        assertTrue(listed.contains(file.toString()), listed);
        String dev = listed.substring(0, listed.indexOf(':'));
        assertEquals(Status.UP, driver.status(ctx).status());
        assertEquals(List.of(dev), driver.exposedDevices(ctx));
        assertTrue(ctx.lines("info").contains("losetup -f --show " + file), ctx.log().toString());
        assertTrue(ctx.lines("info").contains(dev), "the device is in the action log: " + ctx.log());

        driver.start(ctx);
        assertEquals(1, losetupJ().lines().count(), "a second start attaches nothing more");

        driver.stop(ctx);
        assertEquals("", losetupJ());
        assertEquals(Status.DOWN, driver.status(ctx).status());
        assertTrue(ctx.lines("info").contains("losetup -d " + dev));
        assertEquals(List.of(), driver.exposedDevices(ctx));
    }

    @Test
    void stopDetachesEveryLoopBackingTheFile() throws Exception {
        driver.provision(ctx);
        Os.ok("losetup", "-f", "--show", file.toString());
        Os.ok("losetup", "-f", "--show", file.toString());
        assertEquals(2, driver.exposedDevices(ctx).size());
        driver.stop(ctx);
        assertEquals("", losetupJ());
    }

    /**
     * Nodes sharing a kernel but not a mount namespace see each other's loop devices with the same backing path.
     * A file replaced at the same path stands for that here: the old device keeps backing the old inode.
     */
    @Test
    void aLoopBackedByAnotherFileAtTheSamePathIsNotOurs() throws Exception {
        driver.provision(ctx);
        String other = Os.ok("losetup", "-f", "--show", file.toString()).strip();
        try {
            Files.delete(file);
            assertEquals(Status.DOWN, driver.status(ctx).status(), "the file is gone: nothing is ours");
            assertEquals(List.of(), driver.exposedDevices(ctx));
            driver.stop(ctx);
            assertTrue(attached(other), "stop leaves the other file's device attached");
            driver.unprovision(ctx);
            assertTrue(attached(other));

            driver.provision(ctx);
            assertEquals(Status.DOWN, driver.status(ctx).status(), "a new file at the same path is not attached");
            assertEquals(List.of(), driver.exposedDevices(ctx));
            driver.stop(ctx);
            assertTrue(attached(other), "stop leaves the other file's device attached");

            driver.start(ctx);
            List<String> ours = driver.exposedDevices(ctx);
            assertEquals(1, ours.size(), ours.toString());
            assertFalse(ours.contains(other), "start attaches this file, not reuses the other's device");
            assertEquals(Status.UP, driver.status(ctx).status());

            driver.stop(ctx);
            assertEquals(List.of(), driver.exposedDevices(ctx));
            assertFalse(attached(ours.get(0)));
            assertTrue(attached(other), "stop detaches only this file's device");
        } finally {
            Os.run("losetup", "-d", other);
        }
    }

    /**
     * The lab's case: another node, in its own mount namespace, attached its own file at the same path; here
     * that path does not exist. {@code losetup -j} falls back to comparing paths for a missing file and lists
     * that node's device, so the path alone must never make a device ours.
     */
    @Test
    void aLoopAttachedInAnotherMountNamespaceAtTheSamePathIsNotOurs() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ns")).toRealPath();
        Path there = dir.resolve("disk0.img");
        ctx.set("file", there.toString());
        // the namespace lives as long as its sleep, like a lab node: its tmpfs file is reachable by path there only
        Process node = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs fixd " + dir + " && truncate -s 16m " + there + " && losetup -f --show " + there
                        + " && exec sleep 120").redirectErrorStream(true).start();
        // one line, not to EOF: the sleep keeps the pipe open
        String line = new BufferedReader(new InputStreamReader(node.getInputStream())).readLine();
        String other = line == null ? "" : line.strip();
        try {
            assertTrue(other.startsWith("/dev/loop"), "attached in the other namespace: " + other);
            assertFalse(Files.exists(there));
            assertTrue(Os.ok("losetup", "-j", there.toString()).startsWith(other + ":"),
                    "losetup -j matches the path alone");

            var r = driver.status(ctx);
            assertEquals(Status.DOWN, r.status());
            assertEquals(there + " does not exist", r.log().get(0).message());
            assertEquals(List.of(), driver.exposedDevices(ctx));
            driver.stop(ctx);
            assertTrue(attached(other), "stop leaves the other node's device attached");
            driver.unprovision(ctx);
            assertTrue(attached(other));

            driver.provision(ctx);
            assertEquals(Status.DOWN, driver.status(ctx).status());
            driver.start(ctx);
            List<String> ours = driver.exposedDevices(ctx);
            assertEquals(1, ours.size(), ours.toString());
            assertFalse(ours.contains(other));
            driver.stop(ctx);
            assertFalse(attached(ours.get(0)));
            assertTrue(attached(other), "stop detaches only this node's device");
        } finally {
            node.destroy();
            node.waitFor();
            if (other.startsWith("/dev/loop")) {
                Os.run("losetup", "-d", other);
            }
        }
    }

    private static boolean attached(String dev) {
        return Os.run("losetup", dev).code() == 0;
    }

    @Test
    void startWithoutTheFileFailsInOneLine() {
        ActionException e = assertThrows(ActionException.class, () -> driver.start(ctx));
        assertEquals(file + " does not exist or is not a regular file (provision creates it)", e.getMessage());
        assertEquals(Status.DOWN, driver.status(ctx).status());
    }

    @Test
    void stopRefusesAMountedLoopAndLeavesItAttached() throws Exception {
        driver.provision(ctx);
        driver.start(ctx);
        String dev = driver.exposedDevices(ctx).get(0);
        Os.ok("mkfs.ext4", "-q", dev);
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Os.ok("mount", dev, mnt.toString());

        ActionException e = assertThrows(ActionException.class, () -> driver.stop(ctx));
        assertEquals("cannot detach " + dev + ": mounted on " + mnt.toRealPath(), e.getMessage());
        assertTrue(losetupJ().startsWith(dev + ":"));

        Os.ok("umount", mnt.toString());
        driver.stop(ctx);
        assertEquals("", losetupJ());
    }

    @Test
    void unprovisionRemovesTheFileOnlyWhenDetached() throws Exception {
        driver.provision(ctx);
        driver.start(ctx);
        ActionException e = assertThrows(ActionException.class, () -> driver.unprovision(ctx));
        assertTrue(e.getMessage().startsWith("cannot remove " + file + ": attached to /dev/loop"), e.getMessage());
        assertTrue(Files.exists(file));

        driver.stop(ctx);
        driver.unprovision(ctx);
        assertFalse(Files.exists(file));
        assertEquals(Optional.of(false), driver.provisioned(ctx));
        assertTrue(ctx.lines("info").contains("remove " + file));
    }

    @Test
    void labelAndKeywords() {
        assertEquals("loop " + file, driver.label(ctx));
        assertEquals(List.of("file", "size"), driver.keywords().stream().map(Keyword::name).toList());
        assertTrue(driver.keywords().get(0).required());
    }

    @Test
    void missingFileKeywordIsUndefWithReason() {
        ctx.unset("file");
        var r = driver.status(ctx);
        assertEquals(Status.UNDEF, r.status());
        assertEquals("disk#0.file is not set", r.log().get(0).message());
    }
}
