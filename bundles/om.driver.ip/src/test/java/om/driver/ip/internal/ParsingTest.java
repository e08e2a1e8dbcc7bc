package om.driver.ip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import om.api.driver.ActionException;
import org.junit.jupiter.api.Test;

class ParsingTest {
    private static final String ADDRS = """
            1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
            1: lo    inet 127.0.3.7/8 scope host secondary lo:1\\       valid_lft forever preferred_lft forever
            1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever
            8: eth0    inet 192.168.231.1/24 brd 192.168.231.255 scope global dynamic noprefixroute eth0\\       valid_lft 100sec preferred_lft 100sec
            8: eth0    inet6 fe80::5ce4:a2ff:fe1b:a70c/64 scope link \\       valid_lft forever preferred_lft forever
            9: tun0    inet 10.8.0.1 peer 10.8.0.2/32 scope global tun0\\       valid_lft forever preferred_lft forever
            """;

    @Test
    void parsesAddressLinesWithPrefixesAndLabels() throws Exception {
        List<IfAddr> a = IfAddr.parse(ADDRS);
        assertEquals(6, a.size());
        assertEquals("127.0.0.1/8", a.get(0).cidr());
        assertEquals("lo", a.get(0).label());
        assertEquals("lo:1", a.get(1).label());
        assertEquals("::1/128", a.get(2).cidr());
        assertNull(a.get(2).label());
        assertEquals("eth0", a.get(3).label());
        assertEquals(24, a.get(3).prefix());
        assertEquals("10.8.0.1/32", a.get(5).cidr());
    }

    @Test
    void netmaskAcceptsPrefixesAndContiguousDottedMasks() throws Exception {
        assertEquals(24, Netmask.prefix("24", 32));
        assertEquals(24, Netmask.prefix("/24", 32));
        assertEquals(24, Netmask.prefix("255.255.255.0", 32));
        assertEquals(0, Netmask.prefix("0.0.0.0", 32));
        assertEquals(32, Netmask.prefix("255.255.255.255", 32));
        assertEquals(64, Netmask.prefix("64", 128));
        assertThrows(ActionException.class, () -> Netmask.prefix("255.0.255.0", 32));
        assertThrows(ActionException.class, () -> Netmask.prefix("33", 32));
        assertThrows(ActionException.class, () -> Netmask.prefix("255.255.255.0", 128));
        assertThrows(ActionException.class, () -> Netmask.prefix("abc", 32));
    }

    @Test
    void defaultPrefixComesFromAnAddressOfTheSameNetworkOnTheDevice() throws Exception {
        List<IfAddr> a = IfAddr.parse(ADDRS);
        IpSettings lo = new IpSettings(Addresses.resolve("127.0.3.9"), "lo", null, false, true);
        assertEquals(8, lo.effectivePrefix(a));
        IpSettings eth = new IpSettings(Addresses.resolve("192.168.231.9"), "eth0", null, false,
                true);
        assertEquals(24, eth.effectivePrefix(a));
        IpSettings other = new IpSettings(Addresses.resolve("192.168.232.9"), "eth0", null,
                false, true);
        assertEquals(32, other.effectivePrefix(a));
        IpSettings v6 = new IpSettings(Addresses.resolve("fd00::9"), "eth0", null, false, true);
        assertEquals(128, v6.effectivePrefix(a));
        IpSettings given = new IpSettings(Addresses.resolve("127.0.3.9"), "lo", 16, false,
                true);
        assertEquals(16, given.effectivePrefix(a));
    }

    @Test
    void ipv6AddressesPrintInTheirShortForm() throws Exception {
        assertEquals("fd00:231::5", Addresses.text(Addresses.resolve("fd00:231:0:0:0:0:0:5")));
        assertEquals("::1", Addresses.text(Addresses.resolve("::1")));
        assertEquals("::", Addresses.text(Addresses.resolve("::")));
        assertEquals("fe80::5ce4:a2ff:fe1b:a70c", Addresses.text(Addresses.resolve("FE80:0:0:0:5CE4:A2FF:FE1B:A70C")));
        assertEquals("1:0:2::3", Addresses.text(Addresses.resolve("1:0:2:0:0:0:0:3")));
        assertEquals("1:0:0:2::3", Addresses.text(Addresses.resolve("1:0:0:2:0:0:0:3")));
        assertEquals("1::", Addresses.text(Addresses.resolve("1:0:0:0:0:0:0:0")));
        assertEquals("127.0.3.1", Addresses.text(Addresses.resolve("127.0.3.1")));
    }

    @Test
    void aliasLabelTakesTheLowestFreeNumber() throws Exception {
        List<IfAddr> a = IfAddr.parse(ADDRS);
        assertEquals("lo:2", AliasLabel.next("lo", a));
        assertEquals("eth0:1", AliasLabel.next("eth0", a));
        assertThrows(ActionException.class, () -> AliasLabel.next("abcdefghijklmn", List.of()));
    }

    @Test
    void linkFlagsTellArpCapability() {
        LinkInfo lo = LinkInfo.parse("lo", "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN");
        LinkInfo veth = LinkInfo.parse("v", "8: v@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP");
        LinkInfo tun = LinkInfo.parse("t", "9: t: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500");
        assertFalse(lo.arp());
        assertTrue(veth.arp());
        assertFalse(tun.arp());
        assertEquals(Set.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP"), veth.flags());
    }

    @Test
    void addressesResolveLiteralsWithoutLookupsAndRejectBadOnes() throws Exception {
        assertEquals("127.0.3.1", Addresses.resolve(" 127.0.3.1 ").getHostAddress());
        assertTrue(Addresses.resolve("localhost").isLoopbackAddress());
        assertThrows(ActionException.class, () -> Addresses.resolve("300.1.1.1"));
        assertThrows(ActionException.class, () -> Addresses.resolve("no-such-host.invalid"));
        assertTrue(Addresses.isLoopbackRange(Addresses.resolve("127.200.0.1")));
        assertFalse(Addresses.isLoopbackRange(Addresses.resolve("128.0.0.1")));
        assertTrue(Addresses.sameNetwork(Addresses.resolve("10.1.2.3"), Addresses.resolve("10.1.255.1"), 16));
        assertFalse(Addresses.sameNetwork(Addresses.resolve("10.1.2.3"), Addresses.resolve("10.2.0.1"), 16));
    }
}
