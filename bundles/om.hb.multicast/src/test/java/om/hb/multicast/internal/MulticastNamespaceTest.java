package om.hb.multicast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real multicast between two transport instances, in a network namespace of its own whose {@code lo} carries
 * the group (multicast never leaves it). Making the namespace needs root: otherwise the test is skipped, and
 * says so; CI runs as root. The scenarios run in a child JVM ({@link MulticastProbe}) started inside the
 * namespace with this test's class path.
 */
class MulticastNamespaceTest {
    @Test
    void twoNodesTalkThroughTheGroup() throws Exception {
        assumeTrue(isRoot(), "multicast is tested in a network namespace, which needs root (CI runs as root)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")), "no ip command (iproute2) to make a namespace");
        String ns = "hb-mc-" + ProcessHandle.current().pid();
        run("ip", "netns", "add", ns);
        try {
            run("ip", "netns", "exec", ns, "sh", "-c",
                    "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo"
                    // a second network, for a heartbeat on another interface
                    + " && ip link add hbv0 type veth peer name hbv1 && ip addr add 192.168.78.1/24 dev hbv0"
                    + " && ip link set hbv1 up && ip link set hbv0 up");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder("ip", "netns", "exec", ns, java, "-cp",
                    System.getProperty("java.class.path"), MulticastProbe.class.getName())
                    .redirectErrorStream(true).start();
            String out;
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("the probe did not finish within 120 s: "
                            + new String(p.getInputStream().readNBytes(10_000), StandardCharsets.UTF_8));
                }
            } finally {
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            System.out.print(out);
            assertEquals(0, p.exitValue(), out);
            assertEquals(List.of(MulticastProbe.SCENARIOS), out.lines().filter(l -> l.startsWith("ok "))
                    .map(l -> l.substring(3)).toList(), out);
        } finally {
            run("ip", "netns", "del", ns);
        }
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor() == 0 && uid.equals("0");
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + ": " + out.strip());
        }
    }
}
