package om.driver.fs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {
    private static final String SAMPLE = """
            22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
            30 22 0:26 / /tmp rw,nosuid shared:5 master:1 - tmpfs tmpfs rw
            41 30 7:0 / /tmp/with\\040space rw,relatime - ext4 /dev/loop0 rw
            42 22 254:0 /srv/data /mnt/bound rw,relatime shared:1 - ext4 /dev/vda rw
            43 30 0:40 / /tmp/with\\040space rw - tmpfs over rw
            """;

    @Test
    void parsesFieldsAcrossOptionalFields() {
        MountTable t = MountTable.parse(SAMPLE);
        assertEquals(5, t.entries().size());
        assertEquals(new MountEntry("0:26", "/", "/tmp", "tmpfs", "tmpfs"), t.entries().get(1));
        assertEquals(new MountEntry("254:0", "/srv/data", "/mnt/bound", "ext4", "/dev/vda"), t.entries().get(3));
    }

    @Test
    void unescapesOctalAndKeepsStackingOrder() {
        MountTable t = MountTable.parse(SAMPLE);
        List<MountEntry> at = t.at("/tmp/with space");
        assertEquals(List.of("/dev/loop0", "over"), at.stream().map(MountEntry::source).toList());
        assertEquals("over", t.top("/tmp/with space").orElseThrow().source());
        assertEquals("a\\b", MountTable.unescape("a\\134b"));
        assertEquals("a\\xyz", MountTable.unescape("a\\xyz"));
    }
}
