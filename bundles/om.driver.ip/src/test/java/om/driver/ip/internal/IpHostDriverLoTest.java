package om.driver.ip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import om.api.action.ActionOptions;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.status.Level;
import om.api.status.Status;
import om.testkit.FakeContext;
import om.testkit.Os;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ip.host on the host's lo with 127.0.3.x addresses, checked with {@code ip -o addr show lo}. */
class IpHostDriverLoTest {
    @TempDir
    Path var;
    private final IpHostDriver driver = new IpHostDriver();
    private final List<String> added = new ArrayList<>();
    private String addr;

    @BeforeEach
    void pickAddress() throws ActionException {
        // random so that a parallel run or a leftover never collides with this one
        addr = "127.0.3." + ThreadLocalRandom.current().nextInt(10, 250);
        added.add(addr);
        // item 12 of issue 8: hosts whose lo already has a labelled alias broke these tests; every test runs with
        // one, so that the expectations are computed from what exists
        String hosts;
        do {
            hosts = "127.0.3." + ThreadLocalRandom.current().nextInt(10, 250);
        } while (hosts.equals(addr));
        added.add(hosts);
        Os.ok("ip", "addr", "add", hosts + "/32", "dev", "lo", "label", freeLabel());
    }

    @AfterEach
    void removeAddresses() {
        for (String line : Os.run("ip", "-o", "addr", "show", "dev", "lo").text().split("\n")) {
            for (String a : added) {
                String[] t = line.trim().split("\\s+");
                if (t.length > 3 && t[3].startsWith(a + "/")) {
                    Os.run("ip", "addr", "del", t[3], "dev", "lo");
                }
            }
        }
    }

    /**
     * The label start will pick: the lowest lo:n free now. The host's lo may already carry labelled aliases (of
     * the machine, of another test), so the expectation is computed from what exists, never assumed to be lo:1.
     */
    private static String freeLabel() throws ActionException {
        return AliasLabel.next("lo", IfAddr.parse(Os.run("ip", "-o", "addr", "show").text()));
    }

    private static String loAddrs() {
        return Os.run("ip", "-o", "addr", "show", "dev", "lo").text();
    }

    private FakeContext ctx(String... kv) {
        return FakeContext.builder().rid("ip#0").varDir(var.resolve("ip#0")).keywords(IpKeywords.all())
                .defaultTimeout(Duration.ofSeconds(20)).values(kv).build();
    }

    @Test
    void startAddsTheAddressStatusFollowsAndStopRemovesIt() throws Exception {
        FakeContext c = ctx("ipname", addr, "ipdev", "lo");
        assertEquals(Status.DOWN, driver.status(c).status());
        assertEquals(addr + "/8@lo", driver.label(c));

        String label = freeLabel();
        driver.start(c);

        assertEquals(List.of("checking availability", "ip addr add " + addr + "/8 dev lo label " + label),
                c.infos());
        assertTrue(loAddrs().contains(" " + addr + "/8 "), loAddrs());
        assertEquals(Status.UP, driver.status(c).status());
        assertEquals(addr + "/8@lo", driver.label(c));
        // lo has no ARP: neither a duplicate detection nor an announce runs on it
        assertTrue(c.argvs().stream().noneMatch(a -> a.get(0).equals("arping")), c.argvs().toString());

        FakeContext s = ctx("ipname", addr, "ipdev", "lo");
        driver.stop(s);
        assertEquals(List.of("ip addr del " + addr + "/8 dev lo"), s.infos());
        assertFalse(loAddrs().contains(" " + addr + "/"), loAddrs());
        assertEquals(Status.DOWN, driver.status(s).status());
    }

    @Test
    void aLoopbackRangeAddressIsNeverRefusedAlthoughItAnswers() throws Exception {
        // the kernel answers the whole 127.0.0.0/8 range: a probe would always see a conflict
        assertTrue(InetAddress.getByName(addr).isReachable(2000));
        FakeContext c = ctx("ipname", addr, "ipdev", "lo", "netmask", "32");
        driver.start(c);
        assertTrue(loAddrs().contains(" " + addr + "/32 "), loAddrs());
    }

    @Test
    void aliasAddsWithAFreeInterfaceLabelAndADottedMask() throws Exception {
        FakeContext c = ctx("name", addr, "dev", "lo", "alias", "true", "netmask", "255.255.255.255");
        driver.start(c);
        String line = loAddrs().lines().filter(l -> l.contains(" " + addr + "/32 ")).findFirst().orElseThrow();
        String label = c.infos().get(1).replaceAll(".* label ", "");
        assertTrue(label.matches("lo:\\d+"), c.infos().toString());
        assertTrue(line.contains(" " + label + "\\"), line);
        assertEquals(addr + "/32@lo", driver.label(c));
        driver.stop(c);
        assertFalse(loAddrs().contains(" " + addr + "/"), loAddrs());
    }

    @Test
    void startIsIdempotentAndStopOfAnAbsentAddressDoesNothing() throws Exception {
        FakeContext c = ctx("ipname", addr, "ipdev", "lo");
        driver.stop(c);
        assertTrue(c.infos().isEmpty());
        driver.start(c);
        FakeContext again = ctx("ipname", addr, "ipdev", "lo");
        driver.start(again);
        assertTrue(again.infos().isEmpty(), again.infos().toString());
    }

    @Test
    void dryRunLogsButChangesNothing() throws Exception {
        FakeContext c = ctx("ipname", addr, "ipdev", "lo");
        c.options(new ActionOptions(false, true, false, List.of(), null, List.of(), null));
        String label = freeLabel();
        driver.start(c);
        assertEquals(List.of("checking availability", "ip addr add " + addr + "/8 dev lo label " + label),
                c.infos());
        assertFalse(loAddrs().contains(" " + addr + "/"), loAddrs());
    }

    @Test
    void noCarrierMakesTheStatusDownWithAWarningUnlessNotChecked() throws Exception {
        Path sys = Files.createDirectories(var.resolve("sys/lo"));
        Files.writeString(sys.resolve("carrier"), "0\n");
        IpHostDriver fakeSys = new IpHostDriver(var.resolve("sys"));
        FakeContext c = ctx("ipname", addr, "ipdev", "lo");
        driver.start(c);

        CheckResult r = fakeSys.status(c);
        assertEquals(Status.DOWN, r.status());
        assertEquals(Level.WARN, r.log().get(0).level());
        assertEquals("interface lo has no carrier", r.log().get(0).message());
        ActionException e = assertThrows(ActionException.class,
                () -> fakeSys.start(ctx("ipname", "127.0.3.251", "ipdev", "lo")));
        assertEquals("interface lo has no carrier", e.getMessage());
        assertEquals(Status.UP, fakeSys.status(ctx("ipname", addr, "ipdev", "lo", "check_carrier", "false")).status());
        // no carrier file at all (some virtual links): nothing to check
        Files.delete(sys.resolve("carrier"));
        assertEquals(Status.UP, fakeSys.status(c).status());
    }

    @Test
    void badInputFailsWithOneLine() {
        assertEquals("ip#0.ipdev is not set",
                assertThrows(ActionException.class, () -> driver.start(ctx("ipname", addr))).getMessage());
        assertEquals("ip#0.ipname is not set",
                assertThrows(ActionException.class, () -> driver.start(ctx("ipdev", "lo"))).getMessage());
        assertEquals("interface nosuchdev0 not found", assertThrows(ActionException.class,
                () -> driver.start(ctx("ipname", addr, "ipdev", "nosuchdev0"))).getMessage());
        assertEquals("invalid netmask 255.0.255.0: expected a prefix length or a dotted mask",
                assertThrows(ActionException.class,
                        () -> driver.start(ctx("ipname", addr, "ipdev", "lo", "netmask", "255.0.255.0"))).getMessage());
        assertEquals("cannot resolve no-such-host.invalid", assertThrows(ActionException.class,
                () -> driver.start(ctx("ipname", "no-such-host.invalid", "ipdev", "lo"))).getMessage());
        assertEquals("invalid gateway 'x': expected an address", assertThrows(ActionException.class,
                () -> driver.start(ctx("ipname", addr, "ipdev", "lo", "gateway", "x"))).getMessage());
        assertFalse(loAddrs().contains(" " + addr + "/"), loAddrs());

        CheckResult r = driver.status(ctx("ipname", "no-such-host.invalid", "ipdev", "lo"));
        assertEquals(Status.UNDEF, r.status());
        assertEquals("cannot resolve no-such-host.invalid", r.log().get(0).message());
        CheckResult missing = driver.status(ctx("ipname", addr, "ipdev", "nosuchdev0"));
        assertEquals(Status.DOWN, missing.status());
        assertEquals("interface nosuchdev0 not found", missing.log().get(0).message());
        assertEquals("no-such-host.invalid@lo", driver.label(ctx("ipname", "no-such-host.invalid", "ipdev", "lo")));
    }
}
