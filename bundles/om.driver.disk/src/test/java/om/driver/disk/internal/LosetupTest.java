package om.driver.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import om.driver.disk.internal.Losetup.FileId;
import org.junit.jupiter.api.Test;

class LosetupTest {
    private static final FileId OURS = new FileId(254, 0, 2148839);

    @Test
    void parsesEveryDeviceBackingTheFile() {
        String out = "/dev/loop3  2148839      254:0\n/dev/loop1  2148839      254:0\n";
        assertEquals(List.of("/dev/loop1", "/dev/loop3"), Losetup.parse(out, OURS));
    }

    @Test
    void nothingAttachedIsEmpty() {
        assertEquals(List.of(), Losetup.parse("", OURS));
    }

    @Test
    void anotherFileIsNotOursWhateverItsPath() {
        // what another node's /srv/mk.img (same path, private mount namespace) or a deleted file looks like
        String out = "/dev/loop0  2148840      254:0\n"   // same filesystem, other inode
                + "/dev/loop1  2148839      254:1\n"     // same inode number, other filesystem
                + "/dev/loop2  2148839      8:0\n"       // other major
                + "/dev/loop4  2148839      254:0\n";    // the file itself
        assertEquals(List.of("/dev/loop4"), Losetup.parse(out, OURS));
    }

    @Test
    void linesWithoutABackingFileAreSkipped() {
        assertEquals(List.of(), Losetup.parse("/dev/loop5\n/dev/loop6  junk  254:0\n/dev/loop7 2148839 x\n", OURS));
    }

    @Test
    void splitsStDevLikeGlibc() {
        assertEquals(new FileId(254, 0, 7), FileId.of(65024, 7));       // (254 << 8) | 0, as ext4 on vda
        assertEquals(new FileId(8, 17, 7), FileId.of(0x811, 7));
        // big minor: low 8 bits in bits 0-7, the rest from bit 20 on
        assertEquals(new FileId(259, 0x12345, 7), FileId.of((0x45L) | (259L << 8) | (0x123L << 20), 7));
    }
}
