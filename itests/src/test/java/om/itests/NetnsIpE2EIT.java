package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * ip.host for real on a veth pair between two network namespaces this test creates: bin/om runs embedded inside
 * namespace A (`ip netns exec A`), namespace B holds a conflicting address and watches the announce.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.HOST)
class NetnsIpE2EIT {
    private static final String NET = "10.231.250.";
    private static final Cleanup CLEANUP = new Cleanup();
    private static Dist dist;
    private static String nsA;
    private static String nsB;
    private static String va;
    private static String vb;

    @BeforeAll
    static void namespaces() throws Exception {
        nsA = "omA" + Host.RUN;
        nsB = "omB" + Host.RUN;
        va = "omva" + Host.RUN % 100000;
        vb = "omvb" + Host.RUN % 100000;
        CLEANUP.netns(nsA);
        CLEANUP.netns(nsB);
        CLEANUP.add(() -> Host.sh("ip", "link", "del", va)); // only if the move into A failed
        for (List<String> cmd : List.of(
                List.of("ip", "netns", "add", nsA),
                List.of("ip", "netns", "add", nsB),
                List.of("ip", "link", "add", va, "type", "veth", "peer", "name", vb),
                List.of("ip", "link", "set", va, "netns", nsA),
                List.of("ip", "link", "set", vb, "netns", nsB),
                List.of("ip", "-n", nsA, "link", "set", "lo", "up"),
                List.of("ip", "-n", nsB, "link", "set", "lo", "up"),
                List.of("ip", "-n", nsA, "addr", "add", NET + "1/24", "dev", va),
                List.of("ip", "-n", nsB, "addr", "add", NET + "2/24", "dev", vb),
                List.of("ip", "-n", nsA, "link", "set", va, "up"),
                List.of("ip", "-n", nsB, "link", "set", vb, "up"),
                // B learns neighbours from gratuitous ARP only with arp_accept
                List.of("ip", "netns", "exec", nsB, "sysctl", "-q", "-w", "net.ipv4.conf." + vb + ".arp_accept=1"))) {
            Dist.Result r = Host.sh(cmd);
            assertEquals(0, r.exit(), cmd + "\n" + r);
        }
        dist = new Dist(Dist.newRoot("net"), "net1");
        dist.writeConf("hnet", "[DEFAULT]\nnodes = net1\n\n[ip#0]\nipname = " + NET + "5\nipdev = " + va + "\n\n"
                + "[ip#1]\nipname = " + NET + "2\nipdev = " + va + "\n");
        waitCarrier();
    }

    @AfterAll
    static void clean() {
        CLEANUP.run();
    }

    @AfterEach
    void linkBackUp() throws Exception {
        Host.sh("ip", "-n", nsB, "link", "set", vb, "up");
        Host.sh("ip", "-n", nsA, "addr", "del", NET + "5/24", "dev", va);
        waitCarrier();
    }

    private static void waitCarrier() throws Exception {
        waitCarrier("1");
    }

    /** Carrier changes reach the peer asynchronously. */
    private static void waitCarrier(String value) throws Exception {
        long end = System.currentTimeMillis() + 5000;
        while (!Host.sh("ip", "netns", "exec", nsA, "cat", "/sys/class/net/" + va + "/carrier").out().trim()
                .equals(value) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    private static Dist.Result omInA(String... args) throws Exception {
        return dist.omUnder(List.of("ip", "netns", "exec", nsA), args);
    }

    private static boolean aHasFive() throws Exception {
        return Host.hasAddress(Host.sh("ip", "-n", nsA, "-o", "addr", "show", "dev", va).out(), NET + "5/24");
    }

    private static void inOrder(String out, String... texts) {
        int from = 0;
        for (String t : texts) {
            int at = out.indexOf(t, from);
            assertTrue(at >= 0, "'" + t + "' missing or out of order in:\n" + out);
            from = at + t.length();
        }
    }

    @Test
    @Order(1)
    void probeRefusesTheAddressOfBThenAFreeAddressIsAddedAndAnnounced() throws Exception {
        Dist.Result r = omInA("hnet", "start", "--local");
        assertEquals(1, r.exit(), r.toString());
        String all = r.out() + r.err();
        inOrder(r.out(), "net1.hnet.ip#0", "checking availability", "ip addr add " + NET + "5/24 dev " + va,
                "arping -U -c 1 -I " + va + " -s " + NET + "5 " + NET + "5", "net1.hnet.ip#1", "checking availability",
                "ip addr del " + NET + "5/24 dev " + va);
        assertFalse(r.out().contains("ip addr add " + NET + "2/"), r.toString());
        assertTrue(all.contains("address " + NET + "2 is already in use"), r.toString());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), r.toString());
        assertFalse(aHasFive(), "rolled back\n" + r);

        r = omInA("hnet", "start", "--local", "--rid", "ip#0");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(aHasFive(), r.toString());
        String mac = Host.sh("ip", "netns", "exec", nsA, "cat", "/sys/class/net/" + va + "/address").out().trim();
        String neigh = Host.sh("ip", "-n", nsB, "neigh", "show", NET + "5").out();
        assertTrue(neigh.contains("lladdr " + mac), "B learnt A's MAC " + mac + " from the announce: " + neigh);
        StatusJson st = StatusJson.of(omInA("hnet", "print", "status", "--format", "json"));
        assertEquals("up", st.status("ip#0"), st.toString());
        assertEquals(NET + "5/24@" + va, st.label("ip#0"), st.toString());
        assertEquals("down", st.status("ip#1"), st.toString());

        r = omInA("hnet", "stop", "--local", "--rid", "ip#0");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("ip addr del " + NET + "5/24 dev " + va), r.toString());
        assertFalse(aHasFive(), r.toString());
    }

    @Test
    @Order(2)
    void carrierLossShowsDownWithAReasonAndStopStillRemovesTheAddress() throws Exception {
        Dist.Result r = omInA("hnet", "start", "--local", "--rid", "ip#0");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(aHasFive(), r.toString());

        assertEquals(0, Host.sh("ip", "-n", nsB, "link", "set", vb, "down").exit());
        waitCarrier("0");
        // the link changed behind om's back: the cached status is stale until refreshed (status.md, Freshness)
        StatusJson st = StatusJson.of(omInA("hnet", "print", "status", "--refresh", "--format", "json"));
        assertEquals("down", st.status("ip#0"), st.toString());
        assertTrue(st.log("ip#0").contains("warn: interface " + va + " has no carrier"), st.toString());

        // the address is still configured: stop must remove it, not skip the resource as already down
        r = omInA("hnet", "stop", "--local", "--rid", "ip#0");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(aHasFive(), "address left on " + va + " after stop\n" + r);
    }
}
