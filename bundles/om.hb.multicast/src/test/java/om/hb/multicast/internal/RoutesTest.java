package om.hb.multicast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default interface of a group, read from a routing table in the kernel's /proc/net/route format. */
class RoutesTest {
    private static final String HEAD = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";
    private static final String DEFAULT = "eth0\t00000000\t0100A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n";
    private static final String LAN = "eth0\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n";
    private static final String MULTICAST = "eth1\t000000E0\t00000000\t0001\t0\t0\t0\t000000F0\t0\t0\t0\n";

    @TempDir
    Path dir;

    @Test
    void theLongestPrefixWins() throws Exception {
        Path t = table(HEAD + DEFAULT + LAN + MULTICAST);
        assertEquals("eth1", Routes.interfaceFor(InetAddress.getByName("224.3.29.71"), t));
        assertEquals("eth0", Routes.interfaceFor(InetAddress.getByName("192.168.0.9"), t));
        assertEquals("eth0", Routes.interfaceFor(InetAddress.getByName("10.0.0.1"), t));
    }

    @Test
    void withoutAMulticastRouteTheDefaultRouteCarriesTheGroup() throws Exception {
        assertEquals("eth0", Routes.interfaceFor(InetAddress.getByName("224.3.29.71"), table(HEAD + DEFAULT + LAN)));
    }

    @Test
    void noRouteNoTableNoAnswer() throws Exception {
        assertNull(Routes.interfaceFor(InetAddress.getByName("224.3.29.71"), table(HEAD + LAN)));
        assertNull(Routes.interfaceFor(InetAddress.getByName("224.3.29.71"), dir.resolve("missing")));
        // a route that is not up does not count
        assertNull(Routes.interfaceFor(InetAddress.getByName("224.3.29.71"),
                table(HEAD + MULTICAST.replace("\t0001\t", "\t0000\t"))));
    }

    private Path table(String text) throws Exception {
        Path p = dir.resolve("route");
        Files.writeString(p, text);
        return p;
    }
}
