package om.hb.multicast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatConfig.Peer;
import om.api.cluster.HeartbeatLink.Direction;
import om.testkit.ComponentConstructors;
import om.testkit.MemoryHeartbeatHub;
import om.testkit.MemoryHeartbeatHub.Link;
import org.junit.jupiter.api.Test;

/**
 * The transport's failures, which need no multicast traffic (runs anywhere); the traffic itself is tested in a
 * network namespace by {@link MulticastNamespaceTest}.
 */
class MulticastHeartbeatTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void activationConstructorIsUnambiguous() {
        ComponentConstructors.assertUnambiguous(MulticastHeartbeat.class);
    }

    @Test
    void anUnknownInterfaceFailsBothThreadsAndEverySendSaysWhy() throws Exception {
        MemoryHeartbeatHub hub = new MemoryHeartbeatHub();
        HeartbeatConfig c = config("nosuchif0", "224.3.29.71");
        MulticastHeartbeat hb = new MulticastHeartbeat(hub, c.properties());
        try {
            Link l = hub.awaitLink("hb#2", WAIT);
            assertEquals("intf nosuchif0: no such interface", l.awaitState(Direction.RX, "failed", WAIT).alert());
            assertEquals("intf nosuchif0: no such interface", l.awaitState(Direction.TX, "failed", WAIT).alert());
            l.send("ping".getBytes());
            MemoryHeartbeatHub.Sent s = l.awaitSent(x -> x.peer().equals("n2"), WAIT);
            assertFalse(s.ok());
            assertEquals("intf nosuchif0: no such interface", s.error());
            l.awaitSent(x -> x.peer().equals("n3"), WAIT);
        } finally {
            hb.close();
        }
        assertTrue(threads("hb#2.").isEmpty(), threads("hb#2.").toString());
        assertTrue(hub.awaitLink("hb#2", WAIT).closed());
    }

    @Test
    void aUnicastAddressIsNotAGroup() throws Exception {
        MemoryHeartbeatHub hub = new MemoryHeartbeatHub();
        MulticastHeartbeat hb = new MulticastHeartbeat(hub, config("lo", "10.1.2.3"));
        try {
            Link l = hub.awaitLink("hb#2", WAIT);
            assertEquals("addr 10.1.2.3: not an IPv4 multicast group",
                    l.awaitState(Direction.RX, "failed", WAIT).alert());
        } finally {
            hb.close();
        }
    }

    private static HeartbeatConfig config(String intf, String group) {
        return new HeartbeatConfig("hb#2", "multicast", Duration.ofMillis(500), Duration.ofSeconds(3), intf, group,
                10_000, List.of(new Peer("n2", group, 10_000), new Peer("n3", group, 10_000)));
    }

    static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }
}
