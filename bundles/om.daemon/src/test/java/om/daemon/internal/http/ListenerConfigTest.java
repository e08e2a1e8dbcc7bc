package om.daemon.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import om.core.internal.driver.DriverRegistryImpl;
import om.core.internal.node.InstallationImpl;
import om.core.internal.node.NodeSettingsImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenerConfigTest {
    @TempDir
    Path root;

    NodeSettingsImpl settings(String clusterConf) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/cluster.conf"), clusterConf);
        return new NodeSettingsImpl(new InstallationImpl(root, "n1"), new DriverRegistryImpl());
    }

    @Test
    void defaultsAreEveryAddressAndPort1215() throws Exception {
        assertEquals(new ListenerConfig("0.0.0.0", 1215),
                ListenerConfig.of(settings("[cluster]\nnodes = n1 n2\n").current()));
    }

    @Test
    void aPeersListenerIsEvaluatedAsThatPeer() throws Exception {
        NodeSettingsImpl s = settings("[cluster]\nnodes = n1 n2\n\n[listener]\naddr@n1 = 127.0.0.1\n"
                + "port@n1 = 17001\nport@n2 = 17002\n");
        assertEquals(new ListenerConfig("127.0.0.1", 17001), ListenerConfig.of(s.current()));
        ListenerConfig n2 = ListenerConfig.of(s.current().asNode("n2"));
        assertEquals(new ListenerConfig("0.0.0.0", 17002), n2);
        assertEquals("n2", ListenerConfig.peerHost(n2, "n2"), "a peer on every address is reached by its name");
        assertEquals("127.0.0.1", ListenerConfig.peerHost(ListenerConfig.of(s.current()), "n1"));
        assertEquals("[::1]:1215", ListenerConfig.authority("::1", 1215));
    }

    @Test
    void aPortThatIsNoPortIsTheDefault() throws Exception {
        assertEquals(1215, ListenerConfig.of(settings("[listener]\nport = 99999\n").current()).port());
        assertEquals(1215, ListenerConfig.of(settings("[listener]\nport = http\n").current()).port());
    }

    @Test
    void felixGetsHttpsOnlyOnTheListener() {
        Dictionary<String, Object> p = new ListenerConfig("127.0.0.1", 17001).felixProperties(Path.of("/k.p12"),
                "pw", "ab");
        assertEquals("false", p.get("org.apache.felix.http.enable"), "no plain HTTP connector");
        assertEquals("true", p.get("org.apache.felix.https.enable"));
        assertEquals("127.0.0.1", p.get("org.apache.felix.http.host"));
        assertEquals("17001", p.get("org.osgi.service.http.port.secure"));
        assertEquals("/k.p12", p.get("org.apache.felix.https.keystore"));
        assertEquals("PKCS12", p.get("org.apache.felix.https.keystore.type"));
        assertEquals("ab", p.get("om.certificate"));
    }
}
