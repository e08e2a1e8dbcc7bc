package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayoutTest {
    private static final Path DIST = Path.of("/opt/om");

    @Test
    void rootDefaultsToTheDistributionTree() {
        Layout l = Layout.of(DIST, Map.of());
        assertEquals(DIST, l.root());
        assertNull(l.nodename());
        assertEquals(Path.of("/opt/om/var/lsnr/cli.sock"), l.socket());
        assertEquals(Path.of("/opt/om/var/omd.pid"), l.pidFile());
        assertEquals(Path.of("/opt/om/bundle"), l.bundles());
        assertEquals(Path.of("/opt/om/deploy"), l.deploy());
        assertEquals(Path.of("/opt/om/bin/omd"), l.omd());
    }

    @Test
    void environmentOverridesRootAndNodename() {
        Layout l = Layout.of(DIST, Map.of("OM_ROOT", "/srv/n1/../n2", "OM_NODENAME", "n2"));
        assertEquals(Path.of("/srv/n2"), l.root());
        assertEquals("n2", l.nodename());
        assertEquals(Path.of("/srv/n2/var/lsnr/cli.sock"), l.socket());
        assertEquals(Path.of("/opt/om/bundle"), l.bundles(), "bundles always come from the distribution");
    }

    @Test
    void emptyVariablesCountAsUnset() {
        Layout l = Layout.of(DIST, Map.of("OM_ROOT", "", "OM_NODENAME", " "));
        assertEquals(DIST, l.root());
        assertNull(l.nodename());
    }

    @Test
    void aMissingRootIsAProblemNotANewTree(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertEquals("OM_ROOT names a missing directory: " + missing,
                Layout.problem(Map.of("OM_ROOT", missing.toString())));
        assertNull(Layout.problem(Map.of("OM_ROOT", dir.toString())));
        assertNull(Layout.problem(Map.of()));
        assertNull(Layout.problem(Map.of("OM_ROOT", " ")));
    }

    @Test
    void distributionIsTheParentOfTheLibFolder() {
        // from the build, the code source is target/classes: its parent (target) stands for the tree
        Path dist = Layout.distDir();
        assertEquals("target", dist.getFileName().toString());
    }
}
