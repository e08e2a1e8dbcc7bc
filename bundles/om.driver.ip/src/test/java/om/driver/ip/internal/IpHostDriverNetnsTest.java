package om.driver.ip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import om.testkit.Os;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ip.host for real on a veth link between two network namespaces this test creates: A runs the driver (in a
 * JVM started by {@code ip netns exec A}), B plays another host of the network. Proves the availability probe
 * sees B's address, the announce reaches B, and the carrier of the link is checked.
 */
class IpHostDriverNetnsTest {
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(10000, 99999));
    private static final String NS_A = "omipA" + RUN;
    private static final String NS_B = "omipB" + RUN;
    private static final String DEV_A = "omia" + RUN;
    private static final String DEV_B = "omib" + RUN;
    // inside namespaces only: never seen by any real network
    private static final String NET = "10.231." + ThreadLocalRandom.current().nextInt(1, 250) + ".";

    @BeforeAll
    static void createNamespaces() {
        Os.ok("ip", "netns", "add", NS_A);
        Os.ok("ip", "netns", "add", NS_B);
        Os.ok("ip", "link", "add", DEV_A, "type", "veth", "peer", "name", DEV_B);
        Os.ok("ip", "link", "set", DEV_A, "netns", NS_A);
        Os.ok("ip", "link", "set", DEV_B, "netns", NS_B);
        for (String[] nd : new String[][] {{NS_A, DEV_A}, {NS_B, DEV_B}}) {
            Os.ok("ip", "-n", nd[0], "link", "set", "lo", "up");
            Os.ok("ip", "-n", nd[0], "link", "set", nd[1], "up");
        }
        Os.ok("ip", "-n", NS_A, "addr", "add", NET + "1/24", "dev", DEV_A);
        Os.ok("ip", "-n", NS_B, "addr", "add", NET + "2/24", "dev", DEV_B);
        // B learns neighbours from gratuitous ARP, so that the announce leaves a trace there
        Os.ok("ip", "netns", "exec", NS_B, "sysctl", "-qw", "net.ipv4.conf." + DEV_B + ".arp_accept=1");
        awaitCarrier();
    }

    @AfterAll
    static void deleteNamespaces() {
        // deleting a namespace destroys its veth end, and the peer with it
        Os.run("ip", "netns", "del", NS_A);
        Os.run("ip", "netns", "del", NS_B);
    }

    private static void awaitCarrier() {
        for (int i = 0; i < 50 && !Os.run("ip", "-n", NS_A, "-o", "link", "show", DEV_A).text().contains("LOWER_UP");
             i++) {
            sleep(100);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the driver inside namespace A. */
    private static List<String> inA(String action, String... kv) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", NS_A,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NetnsMain.class.getName(), action));
        for (int i = 0; i < kv.length; i += 2) {
            argv.add(kv[i] + "=" + kv[i + 1]);
        }
        Os.Out o = Os.run(argv);
        assertEquals(0, o.code(), o.text());
        return o.text().lines().toList();
    }

    private static String addrsA() {
        return Os.run("ip", "-n", NS_A, "-o", "addr", "show", "dev", DEV_A).text();
    }

    @Test
    void anAddressHeldByAnotherHostIsRefused() {
        List<String> out = inA("start", "ipname", NET + "2", "ipdev", DEV_A);
        assertEquals(List.of("LOG info checking availability", "FAIL address " + NET + "2 is already in use"), out);
        assertFalse(addrsA().contains(" " + NET + "2/"), addrsA());
    }

    @Test
    void aFreeAddressIsAddedAndAnnouncedToTheNeighbours() {
        String addr = NET + "5";
        assertFalse(Os.run("ip", "-n", NS_B, "neigh", "show", addr).text().contains("lladdr"));
        assertEquals(List.of("STATUS down"), inA("status", "ipname", addr, "ipdev", DEV_A));

        List<String> out = inA("start", "ipname", addr, "ipdev", DEV_A);

        assertEquals(List.of("LOG info checking availability",
                "LOG info ip addr add " + addr + "/24 dev " + DEV_A + " label " + DEV_A + ":1",
                "LOG info arping -U -c 1 -I " + DEV_A + " -s " + addr + " " + addr, "OK"), out);
        assertTrue(addrsA().contains(" " + addr + "/24 "), addrsA());
        String mac = Os.run("ip", "netns", "exec", NS_A, "cat", "/sys/class/net/" + DEV_A + "/address").text().strip();
        String neigh = Os.run("ip", "-n", NS_B, "neigh", "show", addr).text();
        assertTrue(neigh.contains("lladdr " + mac), "B did not learn " + addr + " from the announce: " + neigh);
        assertEquals(List.of("STATUS up"), inA("status", "ipname", addr, "ipdev", DEV_A));
        assertEquals(List.of("LABEL " + addr + "/24@" + DEV_A), inA("label", "ipname", addr, "ipdev", DEV_A));

        assertEquals(List.of("LOG info ip addr del " + addr + "/24 dev " + DEV_A, "OK"),
                inA("stop", "ipname", addr, "ipdev", DEV_A));
        assertFalse(addrsA().contains(" " + addr + "/"), addrsA());
    }

    @Test
    void anAddressOfAnotherLocalInterfaceIsNoConflict() {
        // lo has no ARP: the probe falls back to ping, which this host itself would answer
        String addr = NET + "7";
        Os.ok("ip", "-n", NS_A, "addr", "add", addr + "/24", "dev", DEV_A);
        try {
            List<String> out = inA("start", "ipname", addr, "ipdev", "lo");
            assertEquals(List.of("LOG info checking availability", "LOG info ip addr add " + addr + "/32 dev lo label lo:1", "OK"),
                    out);
            String lo = Os.run("ip", "-n", NS_A, "-o", "addr", "show", "dev", "lo").text();
            assertTrue(lo.contains(" " + addr + "/32 "), lo);
            assertEquals(List.of("LOG info ip addr del " + addr + "/32 dev lo", "OK"),
                    inA("stop", "ipname", addr, "ipdev", "lo"));
        } finally {
            Os.run("ip", "-n", NS_A, "addr", "del", addr + "/32", "dev", "lo");
            Os.run("ip", "-n", NS_A, "addr", "del", addr + "/24", "dev", DEV_A);
        }
    }

    @Test
    void onALinkWithoutArpTheProbePingsTheOtherHost() {
        List<String> out = inA("start", "ipname", NET + "2", "ipdev", "lo");
        assertEquals(List.of("LOG info checking availability", "FAIL address " + NET + "2 is already in use"), out);
        assertFalse(Os.run("ip", "-n", NS_A, "-o", "addr", "show", "dev", "lo").text().contains(" " + NET + "2/"));
    }

    @Test
    void anIpv6AddressGetsAHostPrefixAndNoAnnounce() {
        String addr = "fd00:231::5";
        List<String> out = inA("start", "ipname", addr, "ipdev", "lo");
        assertEquals(List.of("LOG info checking availability", "LOG info ip addr add fd00:231::5/128 dev lo",
                "OK"), out);
        String lo = Os.run("ip", "-n", NS_A, "-o", "addr", "show", "dev", "lo").text();
        assertTrue(lo.contains(" " + addr + "/128 "), lo);
        assertEquals(List.of("STATUS up"), inA("status", "ipname", addr, "ipdev", "lo"));
        assertEquals(List.of("LOG info ip addr del fd00:231::5/128 dev lo", "OK"),
                inA("stop", "ipname", addr, "ipdev", "lo"));
        assertFalse(Os.run("ip", "-n", NS_A, "-o", "addr", "show", "dev", "lo").text().contains(addr));
    }

    @Test
    void aLinkWithoutCarrierIsDownAndRefusesStart() {
        String addr = NET + "9";
        Os.ok("ip", "-n", NS_B, "link", "set", DEV_B, "down");
        try {
            for (int i = 0; i < 50 && !Os.run("ip", "-n", NS_A, "-o", "link", "show", DEV_A).text()
                    .contains("NO-CARRIER"); i++) {
                sleep(100);
            }
            assertEquals(List.of("FAIL interface " + DEV_A + " has no carrier"),
                    inA("start", "ipname", addr, "ipdev", DEV_A));
            Os.ok("ip", "-n", NS_A, "addr", "add", addr + "/24", "dev", DEV_A);
            assertEquals(List.of("STATUS down", "ENTRY WARN interface " + DEV_A + " has no carrier"),
                    inA("status", "ipname", addr, "ipdev", DEV_A));
            assertEquals(List.of("STATUS up"), inA("status", "ipname", addr, "ipdev", DEV_A, "check_carrier", "false"));
        } finally {
            Os.run("ip", "-n", NS_A, "addr", "del", addr + "/24", "dev", DEV_A);
            Os.run("ip", "-n", NS_B, "link", "set", DEV_B, "up");
            awaitCarrier();
        }
    }
}
