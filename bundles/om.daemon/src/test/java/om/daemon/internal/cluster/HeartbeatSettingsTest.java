package om.daemon.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import om.api.cluster.HeartbeatConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatSettingsTest {
    @TempDir
    Path root;

    /** The spec's example: listen values as self, each peer's as that peer. */
    @Test
    void unicastValuesAreEvaluatedAsSelfAndAsEachPeer() {
        String conf = """
                [cluster]
                name = c1
                nodes = n1 n2
                secret = 6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c

                [hb#1]
                type = unicast
                addr@n1 = 127.0.0.1
                port@n1 = 10001
                addr@n2 = 127.0.0.2
                port@n2 = 10002
                """;
        List<HeartbeatConfig> n1 = HeartbeatSettings.of(Conf.config(root.resolve("a"), "n1", conf));
        assertEquals(List.of(new HeartbeatConfig("hb#1", "unicast", Duration.ofSeconds(5), Duration.ofSeconds(15),
                null, "127.0.0.1", 10001, List.of(new HeartbeatConfig.Peer("n2", "127.0.0.2", 10002)))), n1);
        List<HeartbeatConfig> n2 = HeartbeatSettings.of(Conf.config(root.resolve("b"), "n2", conf));
        assertEquals("127.0.0.2", n2.get(0).addr());
        assertEquals(List.of(new HeartbeatConfig.Peer("n1", "127.0.0.1", 10001)), n2.get(0).peers());
    }

    @Test
    void defaultsAndTheNodesKeyword() {
        String conf = """
                [cluster]
                nodes = n1 n2 n3

                [hb#1]
                type = unicast
                nodes = n1 n3
                timeout = 20s
                interval = 2s

                [hb#2]
                type = multicast
                intf = lo

                [hb#3]
                port = 1
                """;
        List<HeartbeatConfig> hbs = HeartbeatSettings.of(Conf.config(root, "n1", conf));
        assertEquals(2, hbs.size(), "a section without type is left out: " + hbs);
        HeartbeatConfig u = hbs.get(0);
        assertEquals("0.0.0.0", u.addr());
        assertEquals(10000, u.port());
        assertEquals(Duration.ofSeconds(2), u.interval());
        assertEquals(Duration.ofSeconds(20), u.timeout());
        assertEquals(List.of(new HeartbeatConfig.Peer("n3", "n3", 10000)), u.peers(), "the peer's name, resolved");
        HeartbeatConfig m = hbs.get(1);
        assertEquals("224.3.29.71", m.addr());
        assertEquals("lo", m.intf());
        assertEquals(List.of(new HeartbeatConfig.Peer("n2", "224.3.29.71", 10000),
                new HeartbeatConfig.Peer("n3", "224.3.29.71", 10000)), m.peers());
    }
}
