package om.driver.fs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MountCommandTest {
    private static FsSettings s(String type, FsKind kind, String dev, String opts, List<String> mkfs) {
        return new FsSettings(new FsType(type, kind), "/srv/x", dev, Optional.ofNullable(opts), mkfs,
                Duration.ofSeconds(5), false);
    }

    @Test
    void blockMountNamesTheTypeAndOptions() {
        assertEquals(List.of("mount", "-t", "ext4", "-o", "rw,noatime", "/dev/loop1", "/srv/x"),
                MountCommand.mount(s("ext4", FsKind.BLOCK, "/dev/loop1", "rw,noatime", List.of())));
        assertEquals(List.of("mount", "-t", "xfs", "/dev/loop1", "/srv/x"),
                MountCommand.mount(s("xfs", FsKind.BLOCK, "/dev/loop1", null, List.of())));
    }

    @Test
    void bindTurnsBindOptionsIntoTheMode() {
        assertEquals(List.of("mount", "--bind", "/data", "/srv/x"),
                MountCommand.mount(s("none", FsKind.BIND, "/data", "bind", List.of())));
        assertEquals(List.of("mount", "--rbind", "-o", "ro", "/data", "/srv/x"),
                MountCommand.mount(s("bind", FsKind.BIND, "/data", "rbind,ro", List.of())));
    }

    @Test
    void mkfsPutsOptionsBeforeTheDevice() {
        assertEquals(List.of("mkfs.ext4", "-L", "my data", "/dev/loop2"),
                MountCommand.mkfs(s("ext4", FsKind.BLOCK, "/dev/loop2", null, List.of("-L", "my data")), "/dev/loop2"));
    }

    @Test
    void devTDecodesLikeGlibc() {
        assertEquals("7:0", Devices.format(0x700L));
        assertEquals("254:0", Devices.format(0xfe00L));
        assertEquals("259:65537", Devices.format((259L << 8) | (65537L & 0xff) | ((65537L & ~0xffL) << 12)));
        assertEquals("4096:1", Devices.format(((4096L & 0xfffL) << 8) | ((4096L & ~0xfffL) << 32) | 1));
    }
}
