package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTargetTest {
    @Test
    void theOptionComesBeforeTheVerbWithOrWithoutEquals() {
        assertTrue(ServerTarget.present(List.of("--server", "https://n2", "mon")));
        assertTrue(ServerTarget.present(List.of("--server=https://n2", "mon")));
        assertFalse(ServerTarget.present(List.of("mon", "--server", "https://n2")));
        assertFalse(ServerTarget.present(List.of()));
        assertFalse(ServerTarget.present(List.of("--servers")));

        ServerTarget.Split s = ServerTarget.split(List.of("--server", "https://10.77.1.3:1215", "web1", "print",
                "status"));
        assertEquals(new ServerTarget("10.77.1.3", 1215), s.target());
        assertEquals(List.of("web1", "print", "status"), s.args());
        assertEquals(List.of("mon", "--watch"), ServerTarget.split(List.of("--server=https://n2", "mon", "--watch"))
                .args());
    }

    @Test
    void thePortDefaultsTo1215AndTheHostIsKeptAsWritten() {
        assertEquals(new ServerTarget("n2", 1215), ServerTarget.parse("https://n2"));
        assertEquals(new ServerTarget("n2", 1215), ServerTarget.parse("https://n2/"));
        assertEquals(new ServerTarget("N2.example.com", 17001), ServerTarget.parse("HTTPS://N2.example.com:17001"));
        ServerTarget v6 = ServerTarget.parse("https://[fd00::3]:1216");
        assertEquals(new ServerTarget("fd00::3", 1216), v6);
        assertEquals("https://[fd00::3]:1216", v6.toString());
        assertEquals("fd00::3_1216", v6.pinName());
        assertTrue(v6.isAddress());
        assertTrue(ServerTarget.parse("https://10.0.0.1").isAddress());
        assertFalse(ServerTarget.parse("https://n2").isAddress());
        assertEquals("n2.example.com_1215", ServerTarget.parse("https://N2.Example.com").pinName());
    }

    @Test
    void aMissingValueIsOneLine() {
        assertEquals("--server needs a value: https://<node>[:<port>]", message(List.of("--server")));
        assertEquals("--server needs a value: https://<node>[:<port>]", message(List.of("--server", "--help")));
        assertEquals("--server needs a value: https://<node>[:<port>]", message(List.of("--server=", "mon")));
    }

    @Test
    void onlyAnHttpsNodeAddressIsAccepted() {
        assertEquals("--server http://n2: the node API is https only (https://<node>[:<port>])",
                message(List.of("--server", "http://n2", "mon")));
        assertEquals("--server n2: not a URL (https://<node>[:<port>])", message(List.of("--server", "n2")));
        assertEquals("--server https://n2/api/x: a node's address only, without a path (https://<node>[:<port>])",
                message(List.of("--server", "https://n2/api/x")));
        assertEquals("--server https://n2?a=1: a node's address only, without a path (https://<node>[:<port>])",
                message(List.of("--server", "https://n2?a=1")));
        assertEquals("--server https://root:pw@n2: no user in the URL: the node credentials are this node's",
                message(List.of("--server", "https://root:pw@n2")));
        assertEquals("--server https://n2:99999: port out of range", message(List.of("--server", "https://n2:99999")));
        assertTrue(message(List.of("--server", "https://n2:abc")).startsWith("--server https://n2:abc: "));
        assertTrue(message(List.of("--server", "https://")).startsWith("--server https://: "));
        assertTrue(message(List.of("--server", "https://a b")).startsWith("--server https://a b: not a URL"));
    }

    private static String message(List<String> args) {
        return assertThrows(IllegalArgumentException.class, () -> ServerTarget.split(args)).getMessage();
    }
}
