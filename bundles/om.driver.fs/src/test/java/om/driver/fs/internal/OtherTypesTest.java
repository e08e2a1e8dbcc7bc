package om.driver.fs.internal;

import static om.driver.fs.internal.FsDriverTest.findmnt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import om.api.status.Status;
import om.testkit.FakeContext;
import om.testkit.Os;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tmpfs, bind, none and xfs mounts for real. */
class OtherTypesTest {
    @TempDir
    Path tmpDir;
    private Path tmp;
    private String mnt;

    @BeforeEach
    void setUp() throws IOException {
        tmp = tmpDir.toRealPath();
        mnt = tmp.resolve("m").toString();
    }

    @AfterEach
    void cleanUp() throws IOException {
        Os.cleanUnder(tmp);
    }

    @Test
    void tmpfsWithAnySourceName() throws Exception {
        TmpfsFsDriver d = new TmpfsFsDriver();
        FakeContext c = FakeContext.of("fs#0", tmp.resolve("var"), "mnt", mnt, "mnt_opt", "size=8m");
        assertEquals("tmpfs tmpfs@" + mnt, d.label(c));
        assertEquals(Status.DOWN, d.status(c).status());
        assertEquals(Optional.empty(), d.provisioned(c));
        d.start(c);
        assertTrue(c.lines("info").contains("mount -t tmpfs -o size=8m tmpfs " + mnt), c.log().toString());
        String seen = findmnt(mnt).orElseThrow();
        assertTrue(seen.startsWith("tmpfs tmpfs ") && seen.contains("size=8192k"), seen);
        assertEquals(Status.UP, d.status(c).status());
        d.stop(c);
        assertEquals(Optional.empty(), findmnt(mnt));
        assertEquals(Status.DOWN, d.status(c).status());

        c.set("dev", "scratch");
        d.start(c);
        assertTrue(findmnt(mnt).orElseThrow().startsWith("scratch tmpfs"));
        d.stop(c);
    }

    @Test
    void bindComparesTheSourceDirectory() throws Exception {
        BindFsDriver d = new BindFsDriver();
        Path src = Files.createDirectories(tmp.resolve("src/data"));
        Files.writeString(src.resolve("hello"), "hi");
        Path other = Files.createDirectories(tmp.resolve("src/other"));
        FakeContext c = FakeContext.of("fs#0", tmp.resolve("var"), "dev", src.toString(), "mnt", mnt);
        assertEquals(Status.DOWN, d.status(c).status());
        d.start(c);
        assertTrue(c.lines("info").contains("mount --bind " + src + " " + mnt), c.log().toString());
        assertEquals("hi", Files.readString(Path.of(mnt, "hello")));
        assertEquals(Status.UP, d.status(c).status());
        d.stop(c);
        assertEquals(Optional.empty(), findmnt(mnt));
        assertEquals(Status.DOWN, d.status(c).status());

        // the same filesystem, another directory: not this resource's bind
        Os.ok("mount", "--bind", other.toString(), mnt);
        assertEquals(Status.DOWN, d.status(c).status());
        Os.ok("umount", mnt);
    }

    @Test
    void bindOfADirectoryInsideAnotherMount() throws Exception {
        Path fs = Files.createDirectories(tmp.resolve("fs"));
        Os.ok("mount", "-t", "tmpfs", "omtmp", fs.toString());
        Path src = Files.createDirectories(fs.resolve("inner/dir"));
        BindFsDriver d = new BindFsDriver();
        FakeContext c = FakeContext.of("fs#0", tmp.resolve("var"), "dev", src.toString(), "mnt", mnt, "mnt_opt", "ro");
        d.start(c);
        assertTrue(c.lines("info").contains("mount --bind -o ro " + src + " " + mnt), c.log().toString());
        assertTrue(findmnt(mnt).orElseThrow().contains(" ro"), findmnt(mnt).toString());
        assertEquals(Status.UP, d.status(c).status());
        d.stop(c);
        assertEquals(Status.DOWN, d.status(c).status());
    }

    @Test
    void noneIsTheOlderWayOfWritingABind() throws Exception {
        NoneFsDriver d = new NoneFsDriver();
        Path src = Files.createDirectories(tmp.resolve("src"));
        FakeContext c = FakeContext.of("fs#0", tmp.resolve("var"),
                "dev", src.toString(), "mnt", mnt, "mnt_opt", "bind");
        d.start(c);
        assertEquals(List.of("mount --bind " + src + " " + mnt), c.lines("info").subList(1, 2));
        assertEquals(Status.UP, d.status(c).status());
        d.stop(c);
        assertEquals(Status.DOWN, d.status(c).status());
    }

    @Test
    void xfsProvisionedAndMounted() throws Exception {
        XfsFsDriver d = new XfsFsDriver();
        Path img = FsDriverTest.image(tmp, "x.img", 320L << 20);
        String dev = Os.ok("losetup", "-f", "--show", img.toString()).strip();
        FakeContext c = FakeContext.of("fs#0", tmp.resolve("var"), "dev", dev, "mnt", mnt);
        d.provision(c);
        assertEquals("xfs", Os.ok("blkid", "-p", "-o", "value", "-s", "TYPE", dev).strip());
        d.start(c);
        assertTrue(c.lines("info").stream().noneMatch(l -> l.startsWith("e2fsck")));
        assertTrue(findmnt(mnt).orElseThrow().startsWith(dev + " xfs "));
        assertEquals(Status.UP, d.status(c).status());
        d.stop(c);
        assertEquals(Status.DOWN, d.status(c).status());
    }
}
