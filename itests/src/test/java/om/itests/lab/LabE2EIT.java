package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import om.itests.Serial;

/**
 * bin/om-lab itself (issue 9 item 8): each node a separate host (hostname, /etc/hosts, private /srv, own ssh keys
 * trusted by the others, its sshd, its daemon), the two networks cut and healed, a daemon killed and started, and
 * down removing exactly what up made, leftovers of a crashed lab included.
 */
@ResourceLock(Serial.LAB)
class LabE2EIT {
    private static Lab.Result host(String... cmd) throws Exception {
        Path out = Files.createTempFile("host", ".out");
        Path err = Files.createTempFile("host", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), List.of(cmd).toString());
            return new Lab.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Running, not a zombie waiting to be reaped by whoever adopted it. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<String> namespaces() throws Exception {
        return host("ip", "netns", "list").out().lines().map(l -> l.split(" ")[0]).toList();
    }

    private static boolean pingable(Lab lab, String from, String addr) throws Exception {
        return lab.exec(from, "ping", "-c", "1", "-W", "1", addr).exit() == 0;
    }

    /** A link just set up takes a moment (carrier, neighbour resolution): pings for up to 10 s. */
    private static boolean reachable(Lab lab, String from, String addr) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        do {
            if (pingable(lab, from, addr)) {
                return true;
            }
        } while (System.nanoTime() < end);
        return false;
    }

    @Test
    void eachNodeIsAHostOfItsOwnOnTwoNetworksAndDownRemovesExactlyWhatUpMade() throws Exception {
        Lab lab = Lab.up(2, "--fast");
        String prefix = lab.prefix;
        // decoys: names close to the lab's that down must leave alone (removed by this test whatever happens)
        List<String> decoys = List.of(prefix + "-n1x", prefix + "z-hub");
        try {
            decoysThenDown(lab, prefix, decoys);
        } finally {
            for (String d : decoys) {
                host("ip", "netns", "del", d);
            }
        }
    }

    private static void decoysThenDown(Lab lab, String prefix, List<String> decoys) throws Exception {
        try {
            for (String d : decoys) {
                assertEquals(0, host("ip", "netns", "add", d).exit());
            }
            assertTrue(namespaces().containsAll(List.of(prefix + "-hub", prefix + "-n1", prefix + "-n2")));
            for (String n : lab.nodes()) {
                assertEquals(n, lab.exec(n, "hostname").out().trim());
                assertEquals(lab.root(n).toString(), lab.exec(n, "sh", "-c", "echo $OM_ROOT").out().trim());
                assertEquals(lab.root(n).resolve("bin/om").toString(),
                        lab.exec(n, "sh", "-c", "command -v om").out().trim());
                String hosts = lab.exec(n, "cat", "/etc/hosts").out();
                assertTrue(hosts.contains("10.77.1.1 n1") && hosts.contains("10.77.1.2 n2"), hosts);
                String addrs = lab.exec(n, "ip", "-o", "-4", "addr").out();
                assertTrue(addrs.contains(Lab.addr(n, 1) + "/24") && addrs.contains(Lab.addr(n, 2) + "/24"), addrs);
                // the node's own /sys: its interfaces, not the host's
                assertEquals("eth1\neth2\nlo", lab.exec(n, "ls", "/sys/class/net").out().trim());
                assertTrue(Files.exists(lab.root(n).resolve("var/omd.pid")), n + " runs its daemon");
            }
            // the host is not one of them
            assertNotEquals(0, host("sh", "-c", "ip -o addr | grep -q ' 10.77.1.1/'").exit());

            // private data folders
            assertEquals(0, lab.exec("n1", "sh", "-c", "echo one > /srv/mine").exit());
            assertEquals("one", lab.exec("n1", "cat", "/srv/mine").out().trim());
            assertNotEquals(0, lab.exec("n2", "test", "-e", "/srv/mine").exit());
            assertFalse(Files.exists(Path.of("/srv/mine")));

            // ssh between nodes by name, over either network, keys trusted both ways
            Lab.Result r = lab.exec("n1", "ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "n2", "hostname");
            assertEquals("n2", r.out().trim(), r.toString());
            r = lab.exec("n2", "ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "10.77.2.1", "cat", "/srv/mine");
            assertEquals("one", r.out().trim(), r.toString());

            // cut and heal, per network
            assertTrue(reachable(lab, "n1", "10.77.1.2") && reachable(lab, "n1", "10.77.2.2"));
            lab.cut("n2", "net1");
            assertFalse(pingable(lab, "n1", "10.77.1.2"));
            assertTrue(reachable(lab, "n1", "10.77.2.2"));
            lab.cut("n2");
            assertFalse(pingable(lab, "n1", "10.77.2.2"));
            String status = lab.lab(List.of("status"), 30).out();
            assertTrue(status.contains("10.77.1.2 cut") && status.contains("10.77.2.2 cut"), status);
            lab.heal("n2");
            assertTrue(reachable(lab, "n1", "10.77.1.2") && reachable(lab, "n1", "10.77.2.2"));

            // a crash, then a start
            long pid = Long.parseLong(Files.readString(lab.root("n2").resolve("var/omd.pid")).trim());
            lab.kill("n2");
            assertFalse(running(pid));
            r = lab.lab(List.of("kill", "n2"), 30);
            assertEquals(1, r.exit(), r.toString());
            assertEquals("om-lab: n2: daemon is not running\n", r.err());
            lab.start("n2");
            assertEquals(0, lab.om("n2", "daemon", "status").exit());

            // a second up of a lab that is up is refused, and the lab is untouched
            r = lab.lab(List.of("up", "2", "--root", lab.labRoot().toString()), 60);
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().contains("is already up"), r.err());
            assertEquals("n2", lab.exec("n2", "hostname").out().trim());

            // errors: one line, non-zero
            for (List<String> bad : List.of(List.of("exec", "n9", "true"), List.of("cut", "n1", "net3"),
                    List.of("kill", "x"))) {
                r = lab.lab(bad, 30);
                assertEquals(1, r.exit(), bad + ": " + r);
                assertEquals(1, r.err().lines().count(), bad + ": " + r);
                assertTrue(r.err().startsWith("om-lab: "), r.err());
            }
        } finally {
            lab.close();
        }
        List<String> ns = namespaces();
        assertFalse(ns.contains(prefix + "-hub") || ns.contains(prefix + "-n1") || ns.contains(prefix + "-n2"),
                ns.toString());
        assertTrue(ns.containsAll(decoys), "down removed only its own: " + ns);
        assertFalse(Files.exists(lab.labRoot()), "the lab root is gone");
        assertEquals(0, host("pgrep", "-f", lab.labRoot().toString()).out().lines().count(),
                "no process of the lab left");
        // a second down is harmless
        assertEquals(0, lab.lab(List.of("down"), 60).exit());
        Lab.Result r = lab.lab(List.of("status"), 30);
        assertEquals("lab " + prefix + ": not up\n", r.out(), r.toString());
        r = lab.lab(List.of("exec", "n1", "true"), 30);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("om-lab: no lab is up"), r.err());
    }

    @Test
    void upAfterACrashedRunRemovesItsLeftoversFirst() throws Exception {
        Lab lab = Lab.up(1, "--no-start");
        try {
            // a crashed run: its state file is lost, its namespaces and processes stay
            long holder = Long.parseLong(Files.readString(lab.root("n1").getParent().resolve("holder.pid")).trim());
            Files.delete(lab.labRoot().resolve("lab.env"));
            assertTrue(lab.lab(List.of("status"), 30).out().contains("leftover namespaces"));
            Lab.Result r = lab.lab(List.of("up", "1", "--no-start", "--root",
                    lab.labRoot().toString()), 120);
            assertEquals(0, r.exit(), r.toString());
            assertFalse(running(holder), "old holder killed");
            assertEquals("n1", lab.exec("n1", "hostname").out().trim());
        } finally {
            lab.close();
        }
        assertFalse(namespaces().contains(lab.prefix + "-n1"));
    }
}
