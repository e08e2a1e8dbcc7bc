package om.core.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import om.api.ObjectPath;
import org.junit.jupiter.api.Test;

class InstallationImplTest {
    @Test
    void rootPrecedence() {
        assertEquals(Path.of("/a"), InstallationImpl.rootFrom("/a", "/b", "/c"));
        assertEquals(Path.of("/b"), InstallationImpl.rootFrom(null, "/b", "/c"));
        assertEquals(Path.of("/b"), InstallationImpl.rootFrom("  ", "/b", "/c"));
        assertEquals(Path.of("/c"), InstallationImpl.rootFrom(null, "", "/c"));
    }

    @Test
    void nodenamePrecedence() {
        assertEquals("n1", InstallationImpl.nodenameFrom("n1", "n2"));
        assertEquals("n2", InstallationImpl.nodenameFrom(null, "n2"));
        String host = InstallationImpl.nodenameFrom(null, null);
        assertFalse(host.isBlank());
        assertEquals(host.toLowerCase(Locale.ROOT), host);
    }

    @Test
    void layout() {
        InstallationImpl i = new InstallationImpl(Path.of("/om/./x/.."), "n1");
        assertEquals(Path.of("/om"), i.root());
        assertEquals("n1", i.nodename());
        assertEquals(Path.of("/om/etc"), i.etc());
        assertEquals(Path.of("/om/var/svc/web"), i.varDir(ObjectPath.parse("web")));
        assertEquals(Path.of("/om/var/namespaces/ns1/vol/v"), i.varDir(ObjectPath.parse("ns1/vol/v")));
        assertEquals(Path.of("/om/log/node.log"), i.log().resolve("node.log"));
        assertTrue(new InstallationImpl(Path.of("rel"), "n").root().isAbsolute());
    }
}
