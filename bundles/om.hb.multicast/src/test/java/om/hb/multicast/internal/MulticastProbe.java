package om.hb.multicast.internal;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatConfig.Peer;
import om.api.cluster.HeartbeatLink.Direction;
import om.api.cluster.HeartbeatLink.Refusal;
import om.testkit.MemoryHeartbeatHub;
import om.testkit.MemoryHeartbeatHub.Link;

/**
 * The multicast scenarios, run by {@link MulticastNamespaceTest} in a child JVM inside a network namespace
 * (never on the host's networks). Prints {@code ok <scenario>} for each passed one; exits 1 at the first failure.
 */
public final class MulticastProbe {
    static final String[] SCENARIOS = {"both directions", "own messages dropped", "1 MiB", "5 MiB", "three nodes",
        "garbage dropped", "restart on the same port",
        "networks kept apart"};
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String GROUP = "224.3.29.71";
    private static final int PORT = 10_000;

    private final List<MulticastHeartbeat> running = new ArrayList<>();

    private MulticastProbe() {
    }

    public static void main(String[] args) {
        MulticastProbe probe = new MulticastProbe();
        int rc = 0;
        try {
            probe.scenarios();
        } catch (Exception | AssertionError e) {
            System.out.println("FAILED: " + e);
            rc = 1;
        } finally {
            probe.running.forEach(MulticastHeartbeat::close);
        }
        System.exit(rc);
    }

    private void scenarios() throws Exception {
        // n1 names the interface, n2 takes the one the route to the group goes through (lo here)
        Link l1 = start("lo", "n2", "n3");
        Link l2 = start(null, "n1", "n3");
        l1.awaitState(Direction.RX, "running", WAIT);
        l2.awaitState(Direction.RX, "running", WAIT);
        l1.awaitState(Direction.TX, "running", WAIT);
        deliver(l1, l2, text("hello from n1"));
        MemoryHeartbeatHub.Sent sent = l1.awaitSent(s -> s.peer().equals("n2") && s.ok(), WAIT);
        check(sent.bytes() == 13, "bytes reported " + sent.bytes());
        l1.awaitSent(s -> s.peer().equals("n3") && s.ok(), WAIT);
        deliver(l2, l1, text("hello from n2"));
        ok(0);

        // looped back to this host, but n1's own datagrams never reach n1's link
        l1.send(text("mine"));
        byte[] other = l2.awaitReceived(WAIT);
        check(Arrays.equals(other, text("mine")), "n2 got n1's message");
        check(l1.pollReceived(Duration.ofMillis(500)) == null, "n1 heard itself");
        ok(1);

        byte[] mib = random(1 << 20, 1);
        l1.send(mib);
        check(Arrays.equals(mib, l2.awaitReceived(WAIT)), "1 MiB differs");
        ok(2);

        byte[] five = random(5 << 20, 2);
        l2.send(five);
        check(Arrays.equals(five, l1.awaitReceived(WAIT)), "5 MiB differs");
        ok(3);

        Link l3 = start(null, "n1", "n2");
        l3.awaitState(Direction.RX, "running", WAIT);
        deliver(l1, l3, text("to all"));
        drainUntil(l2, text("to all"));
        ok(4);

        try (DatagramChannel raw = DatagramChannel.open(StandardProtocolFamily.INET)) {
            raw.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
            raw.send(ByteBuffer.wrap(random(1000, 3)), new InetSocketAddress(GROUP, PORT));
            raw.send(ByteBuffer.wrap(new byte[]{'O', 'M', 'H', 'B', 1}), new InetSocketAddress(GROUP, PORT));
        }
        // told to the daemon (which counts and logs them) with the sender's address; no alert on the thread
        check(l2.pollReceived(Duration.ofMillis(500)) == null, "garbage reached the daemon");
        List<MemoryHeartbeatHub.Refused> refused = l2.awaitRefused(2, WAIT);
        check(refused.equals(List.of(
                new MemoryHeartbeatHub.Refused("127.0.0.1", Refusal.GARBAGE,
                        "a datagram of 1000 bytes that is not a fragment"),
                new MemoryHeartbeatHub.Refused("127.0.0.1", Refusal.GARBAGE,
                        "a datagram of 5 bytes that is not a fragment"))), "refused " + refused);
        MemoryHeartbeatHub.State rx = l2.state(Direction.RX);
        check("running".equals(rx.state()) && rx.alert() == null, "rx state " + rx);
        deliver(l1, l2, text("after garbage"));
        ok(5);

        MulticastHeartbeat first = running.remove(0);
        first.close();
        check(MulticastHeartbeatTest.threads("hb#2.").size() == 4, "threads " + MulticastHeartbeatTest.threads("hb#2."));
        check(l1.closed(), "link closed");
        Link again = start("lo", "n2", "n3");
        again.awaitState(Direction.RX, "running", WAIT);
        deliver(l2, again, text("welcome back"));
        ok(6);

        // two heartbeats on two networks with one group and port stay apart: the JDK turns IP_MULTICAST_ALL off
        // on Linux, so a socket only gets the group's datagrams of the interface it joined on (hbv0: a veth)
        Link v1 = start("hbv0", "n1", "n2");
        Link v2 = start("hbv0", "n1", "n2");
        v1.awaitState(Direction.RX, "running", WAIT);
        v2.awaitState(Direction.RX, "running", WAIT);
        deliver(v1, v2, text("on hbv0"));
        check(again.pollReceived(Duration.ofMillis(500)) == null, "the lo heartbeat heard the hbv0 one");
        check(l2.pollReceived(Duration.ofMillis(100)) == null, "the default (lo) heartbeat heard the hbv0 one");
        deliver(again, l2, text("on lo"));
        check(v1.pollReceived(Duration.ofMillis(500)) == null, "the hbv0 heartbeat heard the lo one");
        ok(7);
    }

    private Link start(String intf, String... peers) throws InterruptedException {
        List<Peer> ps = new ArrayList<>();
        for (String p : peers) {
            ps.add(new Peer(p, GROUP, PORT));
        }
        MemoryHeartbeatHub hub = new MemoryHeartbeatHub();
        running.add(new MulticastHeartbeat(hub, new HeartbeatConfig("hb#2", "multicast", Duration.ofMillis(500),
                Duration.ofSeconds(3), intf, GROUP, PORT, ps)));
        return hub.awaitLink("hb#2", WAIT);
    }

    /** Sends until received: a join may take a moment to apply. */
    private static void deliver(Link from, Link to, byte[] b) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            from.send(b);
            byte[] got;
            while ((got = to.pollReceived(Duration.ofMillis(200))) != null) {
                if (Arrays.equals(got, b)) {
                    while (to.pollReceived(Duration.ofMillis(100)) != null) {
                        // the copies sent meanwhile
                    }
                    return;
                }
            }
        }
        throw new AssertionError("'" + new String(b, StandardCharsets.UTF_8) + "' not delivered within " + WAIT);
    }

    private static void drainUntil(Link to, byte[] b) throws InterruptedException {
        byte[] got;
        while ((got = to.awaitReceived(WAIT)) != null) {
            if (Arrays.equals(got, b)) {
                while (to.pollReceived(Duration.ofMillis(100)) != null) {
                    // the copies
                }
                return;
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void ok(int scenario) {
        System.out.println("ok " + SCENARIOS[scenario]);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
