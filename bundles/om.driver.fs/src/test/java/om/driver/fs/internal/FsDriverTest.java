package om.driver.fs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import om.api.action.ActionOptions;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.status.Status;
import om.testkit.FakeContext;
import om.testkit.Os;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real ext4 filesystems on loop devices of a temporary directory, checked with findmnt and blkid. */
class FsDriverTest {
    @TempDir
    Path tmpDir;
    private Path tmp;
    private String mnt;
    private final Ext4FsDriver ext4 = new Ext4FsDriver();

    @BeforeEach
    void setUp() throws IOException {
        tmp = tmpDir.toRealPath();
        mnt = tmp.resolve("srv/data").toString();
    }

    @AfterEach
    void cleanUp() throws IOException {
        Os.cleanUnder(tmp);
    }

    static Path image(Path dir, String name, long size) throws IOException {
        Path f = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(size);
        }
        return f;
    }

    private String loop(long size) throws IOException {
        return Os.ok("losetup", "-f", "--show", image(tmp, "d" + System.nanoTime() + ".img", size).toString()).strip();
    }

    private FakeContext ctx(String dev) {
        return FakeContext.of("fs#0", tmp.resolve("var"), "dev", dev, "mnt", mnt);
    }

    static Optional<String> findmnt(String mountPoint) {
        Os.Out o = Os.run("findmnt", "-n", "-r", "-o", "SOURCE,FSTYPE,OPTIONS", "--mountpoint", mountPoint);
        return o.code() == 0 ? Optional.of(o.text().strip()) : Optional.empty();
    }

    @Test
    void provisionStartStopUnprovisionOnALoopDevice() throws Exception {
        String dev = loop(64L << 20);
        FakeContext c = ctx(dev).set("mkfs_opt", "-L omtest");
        assertEquals(Optional.of(false), ext4.provisioned(c));

        ext4.provision(c);
        assertEquals("ext4", Os.ok("blkid", "-p", "-o", "value", "-s", "TYPE", dev).strip());
        assertEquals("omtest", Os.ok("blkid", "-p", "-o", "value", "-s", "LABEL", dev).strip());
        assertTrue(c.lines("info").contains("mkfs.ext4 -L omtest " + dev), c.log().toString());
        assertEquals(Optional.of(true), ext4.provisioned(c));
        c.log().clear();
        ext4.provision(c);
        assertEquals(List.of(dev + " already has a ext4 filesystem"), c.lines("info"));

        assertEquals(Status.DOWN, ext4.status(c).status());
        c.log().clear();
        ext4.start(c);
        List<String> info = c.lines("info");
        assertEquals("e2fsck -p " + dev, info.get(0));
        assertEquals("output:", info.get(1));
        assertTrue(info.get(2).startsWith("omtest: clean, "), info.toString());
        assertEquals("create missing mount point " + mnt, info.get(3));
        assertEquals("mount -t ext4 " + dev + " " + mnt, info.get(4));
        assertTrue(findmnt(mnt).orElseThrow().startsWith(dev + " ext4 "), findmnt(mnt).toString());
        assertEquals(Status.UP, ext4.status(c).status());

        c.log().clear();
        ext4.stop(c);
        assertEquals(List.of("umount " + mnt), c.lines("info"));
        assertEquals(Optional.empty(), findmnt(mnt));
        assertEquals(Status.DOWN, ext4.status(c).status());

        c.log().clear();
        ext4.unprovision(c);
        assertTrue(c.lines("info").contains("wipefs -a " + dev), c.log().toString());
        assertEquals(Optional.of(false), ext4.provisioned(c));
    }

    @Test
    void mountOptionsReachTheKernel() throws Exception {
        String dev = loop(32L << 20);
        Os.ok("mkfs.ext4", "-q", dev);
        FakeContext c = ctx(dev).set("mnt_opt", "ro,noatime");
        ext4.start(c);
        assertTrue(c.lines("info").contains("mount -t ext4 -o ro,noatime " + dev + " " + mnt));
        String options = findmnt(mnt).orElseThrow();
        assertTrue(options.contains(" ro,") && options.contains("noatime"), options);
    }

    @Test
    void symlinkAndImageFileDevicesAreResolved() throws Exception {
        String dev = loop(32L << 20);
        Os.ok("mkfs.ext4", "-q", dev);
        Path link = Files.createSymbolicLink(tmp.resolve("lvlink"), Path.of(dev));
        FakeContext c = ctx(link.toString());
        ext4.start(c);
        assertEquals(Status.UP, ext4.status(c).status(), "the table shows " + dev + ", the config the symlink");
        ext4.stop(c);
        Files.delete(link);

        Path img = image(tmp, "direct.img", 32L << 20);
        Os.ok("mkfs.ext4", "-q", "-F", img.toString());
        FakeContext f = ctx(img.toString());
        ext4.start(f);
        assertTrue(findmnt(mnt).orElseThrow().startsWith("/dev/loop"), "mount attached a loop itself");
        assertEquals(Status.UP, ext4.status(f).status());
        ext4.stop(f);
        assertEquals(Status.DOWN, ext4.status(f).status());
    }

    @Test
    void alreadyMountedElsewhereIsDownThenMountedAgainWithoutFsck() throws Exception {
        String dev = loop(32L << 20);
        Os.ok("mkfs.ext4", "-q", dev);
        Path other = Files.createDirectories(tmp.resolve("other"));
        Os.ok("mount", dev, other.toString());
        FakeContext c = ctx(dev);

        CheckResult r = ext4.status(c);
        assertEquals(Status.DOWN, r.status());
        assertEquals(dev + " is mounted on " + other, r.log().get(0).message());

        ext4.start(c);
        assertEquals("skip e2fsck: " + dev + " is mounted on " + other, c.lines("info").get(0));
        assertEquals(Status.UP, ext4.status(c).status());
        ext4.stop(c);
        assertEquals(Optional.empty(), findmnt(mnt));
        assertTrue(findmnt(other.toString()).isPresent(), "the other mount is not this resource's");
    }

    @Test
    void aMountPointHeldByAnotherFilesystemIsNotTakenOver() throws Exception {
        String dev = loop(32L << 20);
        Os.ok("mkfs.ext4", "-q", dev);
        Files.createDirectories(Path.of(mnt));
        Os.ok("mount", "-t", "tmpfs", "squatter", mnt);
        FakeContext c = ctx(dev);
        CheckResult r = ext4.status(c);
        assertEquals(Status.DOWN, r.status());
        assertEquals(mnt + " is a mount point of squatter (tmpfs)", r.log().get(0).message());
        ActionException e = assertThrows(ActionException.class, () -> ext4.start(c));
        assertEquals(mnt + " already has squatter (tmpfs) mounted", e.getMessage());
        assertEquals(1, Os.ok("findmnt", "-n", "--mountpoint", mnt).lines().count());
    }

    @Test
    void coveredMountIsWarnAndStopDoesNotUnmountTheCover() throws Exception {
        String dev = loop(32L << 20);
        Os.ok("mkfs.ext4", "-q", dev);
        FakeContext c = ctx(dev);
        ext4.start(c);
        Os.ok("mount", "-t", "tmpfs", "cover", mnt);
        assertEquals(Status.WARN, ext4.status(c).status());
        ActionException e = assertThrows(ActionException.class, () -> ext4.stop(c));
        assertEquals("cannot unmount " + mnt + ": covered by cover", e.getMessage());
        assertTrue(findmnt(mnt).orElseThrow().contains("cover"));
    }

    @Test
    void busyMountFailsStopUnlessForced() throws Exception {
        String dev = loop(32L << 20);
        Os.ok("mkfs.ext4", "-q", dev);
        FakeContext c = ctx(dev);
        ext4.start(c);
        Process holder = new ProcessBuilder("sleep", "60").directory(Path.of(mnt).toFile()).start();
        try {
            ActionException e = assertThrows(ActionException.class, () -> ext4.stop(c));
            assertTrue(e.getMessage().startsWith("umount " + mnt + " failed: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("; stop the processes using it, or --force to detach it lazily"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals(Status.UP, ext4.status(c).status());

            c.options(new ActionOptions(true, false, false, List.of(), null, List.of(), null));
            ext4.stop(c);
            assertTrue(c.lines("info").contains("umount -l " + mnt), c.log().toString());
            assertEquals(Optional.empty(), findmnt(mnt));
            assertEquals(Status.DOWN, ext4.status(c).status());
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void failedFsckFailsTheStartWithItsOutputLogged() throws Exception {
        String dev = loop(32L << 20);
        FakeContext c = ctx(dev);
        ActionException e = assertThrows(ActionException.class, () -> ext4.start(c));
        assertTrue(e.getMessage().startsWith("e2fsck -p " + dev + " failed: exit code 8"), e.getMessage());
        assertEquals("output:", c.lines("info").get(1));
        assertEquals(Optional.empty(), findmnt(mnt));
        assertFalse(Files.exists(Path.of(mnt)), "nothing done after a failed check");
    }

    @Test
    void missingDeviceFailsInOneLine() {
        FakeContext c = ctx(tmp.resolve("nodev").toString());
        ActionException e = assertThrows(ActionException.class, () -> ext4.start(c));
        assertEquals(tmp.resolve("nodev") + " does not exist", e.getMessage());
        c.unset("dev");
        e = assertThrows(ActionException.class, () -> ext4.start(c));
        assertEquals("fs#0.dev is not set", e.getMessage());
        c.set("dev", "/dev/null").set("mnt", "relative/dir");
        e = assertThrows(ActionException.class, () -> ext4.start(c));
        assertEquals("fs#0.mnt: not an absolute path: 'relative/dir'", e.getMessage());
    }

    @Test
    void provisionRefusesAnotherFilesystem() throws Exception {
        String dev = loop(32L << 20);
        Os.ok("mkfs.ext2", "-q", dev);
        ActionException e = assertThrows(ActionException.class, () -> ext4.provision(ctx(dev)));
        assertEquals(dev + " already holds a ext2 filesystem, not formatting it", e.getMessage());
        assertEquals("ext2", Os.ok("blkid", "-p", "-o", "value", "-s", "TYPE", dev).strip());
    }

    @Test
    void checkReadTurnsAFailingReadIntoWarn() throws Exception {
        String dev = loop(32L << 20);
        Os.ok("mkfs.ext4", "-q", dev);
        FakeContext c = ctx(dev).set("check_read", "true").set("stat_timeout", "2s");
        ext4.start(c);
        assertEquals(Status.UP, ext4.status(c).status());
        assertEquals(List.of("ls", "-a", "--", mnt), c.execs().get(c.execs().size() - 1).argv());
        assertEquals(java.time.Duration.ofSeconds(2), c.execs().get(c.execs().size() - 1).timeout());
    }

    @Test
    void labelSortKeyAndKeywords() {
        FakeContext c = ctx("/dev/loop7");
        assertEquals("ext4 /dev/loop7@" + mnt, ext4.label(c));
        assertEquals(mnt, ext4.sortKey(c));
        assertEquals(List.of("mnt", "dev", "mnt_opt", "mkfs_opt", "stat_timeout", "check_read"),
                ext4.keywords().stream().map(om.api.config.Keyword::name).toList());
        assertEquals(List.of("mnt", "dev", "mnt_opt", "stat_timeout", "check_read"),
                new TmpfsFsDriver().keywords().stream().map(om.api.config.Keyword::name).toList());
        List<String> keys = List.of("/srv/a/b", "/srv/a", "/srv/a-b", "/srv");
        assertEquals(List.of("/srv", "/srv/a", "/srv/a-b", "/srv/a/b"), keys.stream().sorted().toList());
    }
}
