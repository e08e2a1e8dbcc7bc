package om.driver.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LosetupTest {
    @Test
    void parsesEveryDeviceBackingTheFile() {
        String out = "/dev/loop3: [65024]:2148839 (/srv/d.img)\n/dev/loop1: [65024]:2148839 (/srv/d.img)\n";
        assertEquals(List.of("/dev/loop1", "/dev/loop3"), Losetup.parse(out));
    }

    @Test
    void nothingAttachedIsEmpty() {
        assertEquals(List.of(), Losetup.parse(""));
    }
}
