package om.shell.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import om.api.daemon.DaemonStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

/** Golden tests of {@code om mon}: typed dataset fixture in, exact text out (status.md section 7). */
class MonRenderTest {
    private static final Set<String> ALL = Set.copyOf(MonRender.SECTIONS);

    /** The two-node sample of status.md section 7, as the daemon of n1 would hold it. */
    static DaemonStatus specSample() {
        Fixture f = new Fixture("c1", "n1", "n2")
                .hb("hb#1.rx", "unicast", "0.0.0.0", 10000, Map.of("n2", true))
                .hb("hb#1.tx", "unicast", null, 0, Map.of("n2", true))
                .hb("hb#2.rx", "multicast", "224.3.29.71", 10000, Map.of("n2", false))
                .hb("hb#2.tx", "multicast", "224.3.29.71", 10000, Map.of("n2", true));
        f.node("n1").load(0.4);
        f.node("n2").load(1.2).frozen();
        f.object("batch", "failover", "n1");
        f.node("n1").instance("batch", Status.NA).frozen();
        f.object("db", "failover", "n1", "n2");
        f.node("n1").instance("db", Status.UP).overall(Status.WARN).leader();
        f.node("n2").instance("db", Status.DOWN);
        f.object("ns1/svc/web", "flex", "n1", "n2").flex(1, 2);
        f.node("n1").instance("ns1/svc/web", Status.WARN).overall(Status.WARN).leader();
        f.node("n2").instance("ns1/svc/web", Status.DOWN).state("start failed");
        f.object("web2", "failover", "n1", "n2");
        f.node("n1").instance("web2", Status.UP).leader();
        f.node("n2").instance("web2", Status.STDBY_UP);
        return f.build();
    }

    @Test
    void theSpecSample() {
        assertEquals("""
                Threads                                  n1  n2
                 hb#1.rx     running 0.0.0.0:10000     | /   O
                 hb#1.tx     running                   | /   O
                 hb#2.rx     running 224.3.29.71:10000 | /   X
                 hb#2.tx     running 224.3.29.71:10000 | /   O
                 listener    running
                 monitor     running
                 scheduler   running

                Nodes                                    n1  n2
                 15m                                   | 0.4 1.2
                 state                                 |     *

                Services                                 n1  n2
                 batch       n/a     failover          | /*
                 db          up!     failover          | O!^ X
                 ns1/svc/web warn!^  flex              | !!^ X start failed
                 web2        up      failover          | O^  o
                """, MonRender.render(specSample(), MonRender.View.plain("n1")));
    }

    /**
     * The manual's sample (operate-apps.txt, Services Status): its Nodes and Services sections exactly; its Threads
     * lines lost their alignment in the manual, here they follow the layout (the info column of 17 characters the
     * other sections show is the multicast group of hb#2).
     */
    @Test
    void theManualSample() {
        Fixture f = new Fixture("c1", "aubergine", "nuc")
                .hb("hb#1.rx", "unicast", "0.0.0.0", 10000, Map.of("nuc", false))
                .hb("hb#1.tx", "unicast", null, 0, Map.of("nuc", true))
                .hb("hb#2.rx", "multicast", "224.3.29.71", 10000, Map.of("nuc", true))
                .hb("hb#2.tx", "multicast", "224.3.29.71", 10000, Map.of("nuc", true));
        Fixture.Node a = f.node("aubergine").load(0.6);
        Fixture.Node n = f.node("nuc").load(0.0);
        for (String p : List.of("collector", "pridns", "registry")) {
            f.object(p, "failover", "aubergine");
            a.instance(p, Status.UP).leader();
        }
        f.object("ha1", "failover", "aubergine", "nuc");
        a.instance("ha1", Status.WARN).overall(Status.WARN);
        n.instance("ha1", Status.WARN).overall(Status.WARN).leader();
        f.object("testapplim", "flex", "aubergine");
        a.instance("testapplim", Status.NA).leader();
        f.object("testapplim2", "flex", "aubergine", "nuc");
        a.instance("testapplim2", Status.NA).frozen();
        n.instance("testapplim2", Status.NA).frozen();
        f.object("testbnp", "failover", "aubergine");
        a.instance("testbnp", Status.NA).provisioned("false");
        f.object("testdrbd", "failover", "aubergine", "nuc");
        a.instance("testdrbd", Status.NA).provisioned("false");
        n.instance("testdrbd", Status.NA).provisioned("false");
        f.object("testmd", "flex", "aubergine", "nuc").flex(1, 1);
        a.instance("testmd", Status.DOWN).overall(Status.WARN);
        n.instance("testmd", Status.UP).overall(Status.WARN).leader();
        f.object("testmd2", "failover", "aubergine", "nuc");
        a.instance("testmd2", Status.UP).overall(Status.WARN);
        n.instance("testmd2", Status.DOWN).overall(Status.WARN).leader();
        assertEquals("""
                Threads                                  aubergine nuc
                 hb#1.rx     running 0.0.0.0:10000     | /         X
                 hb#1.tx     running                   | /         O
                 hb#2.rx     running 224.3.29.71:10000 | /         O
                 hb#2.tx     running 224.3.29.71:10000 | /         O
                 listener    running
                 monitor     running
                 scheduler   running

                Nodes                                    aubergine nuc
                 15m                                   | 0.6       0.0
                 state                                 |

                Services                                 aubergine nuc
                 collector   up      failover          | O^
                 ha1         warn!^  failover          | !!        !!^
                 pridns      up      failover          | O^
                 registry    up      failover          | O^
                 testapplim  n/a     flex              | /^
                 testapplim2 n/a     flex              | /*        /*
                 testbnp     n/a     failover          | /P
                 testdrbd    n/a     failover          | /P        /P
                 testmd      up!     flex              | X!        O!^
                 testmd2     up!^    failover          | O!        X!^
                """, MonRender.render(f.build(), MonRender.View.plain("aubergine")));
    }

    @Test
    void sectionsSelectWhatIsShownAndWidthsFollowTheShownRows() {
        assertEquals("""
                Nodes                          n1  n2
                 15m                         | 0.4 1.2
                 state                       |     *

                Services                       n1  n2
                 batch       n/a    failover | /*
                 db          up!    failover | O!^ X
                 ns1/svc/web warn!^ flex     | !!^ X start failed
                 web2        up     failover | O^  o
                """, MonRender.render(specSample(), new MonRender.View("n1", Set.of("nodes", "services"), false,
                null)));
        assertEquals("""
                Threads                                n1 n2
                 hb#1.rx   running 0.0.0.0:10000     | /  O
                 hb#1.tx   running                   | /  O
                 hb#2.rx   running 224.3.29.71:10000 | /  X
                 hb#2.tx   running 224.3.29.71:10000 | /  O
                 listener  running
                 monitor   running
                 scheduler running
                """, MonRender.render(specSample(), new MonRender.View("n1", Set.of("threads"), false, null)));
    }

    /**
     * Three nodes, one dead (no data): its column stays, its load and the cells of objects in its scope are
     * {@code /}; a node outside an object's nodes is blank; node states, expectations and the arbitrator section.
     */
    @Test
    void threeNodesOneWithoutData() {
        Fixture f = new Fixture("c3", "n1", "n2", "n3")
                .hb("hb#1.rx", "unicast", "0.0.0.0", 10000, Map.of("n2", true, "n3", false))
                .hb("hb#1.tx", "unicast", null, 0, Map.of("n2", true, "n3", false))
                .noData("n3");
        f.node("n1").load(0.25).arbitrator("arbitrator#1", "a1", "up");
        f.node("n2").load(2.0).state("rejoin").expect("thawed").arbitrator("arbitrator#1", "a1", "down");
        f.object("db", "failover", "n1", "n2", "n3");
        f.node("n1").instance("db", Status.UP).leader();
        f.node("n2").instance("db", Status.STDBY_DOWN).expect("started");
        f.object("ns2/svc/web", "flex", "n2", "n3").flex(1, 2);
        f.node("n2").instance("ns2/svc/web", Status.UP).leader().provisioned("mixed");
        assertEquals("""
                Threads                              n1  n2             n3
                 hb#1.rx     running 0.0.0.0:10000 | /   O              X
                 hb#1.tx     running               | /   O              X
                 listener    running
                 monitor     running
                 scheduler   running

                Arbitrators                          n1  n2             n3
                 a1          warn                  | O   X              /

                Nodes                                n1  n2             n3
                 15m                               | 0.3 2.0            /
                 state                             |     rejoin >thawed

                Services                             n1  n2             n3
                 db          up      failover      | O^  x >started     /
                 ns2/svc/web up      flex          |     O^P            /
                """, MonRender.render(f.build(), MonRender.View.plain("n1")));
    }

    @Test
    void aFailedHeartbeatShowsItsReasonAtTheEndOfItsRow() {
        Fixture f = new Fixture("c1", "n1", "n2")
                .hb("hb#1.rx", "unicast", "0.0.0.0", 10000, Map.of("n2", false), "failed",
                        List.of("bind 0.0.0.0:10000: address already in use"));
        String out = MonRender.render(f.build(), new MonRender.View("n1", Set.of("threads"), false, null));
        assertTrue(out.contains(" hb#1.rx   failed  0.0.0.0:10000 | /  X  bind 0.0.0.0:10000: address already in use\n"),
                out);
    }

    /** Colours: widths ignore the escapes, so the colourless text is the plain rendering. */
    @Test
    void coloursFollowTheMarkersAndKeepTheLayout() {
        String coloured = MonRender.render(specSample(), new MonRender.View("n1", Set.copyOf(MonRender.SECTIONS),
                true, null));
        assertEquals(MonRender.render(specSample(), MonRender.View.plain("n1")),
                coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
        String g = "\u001b[32m";
        String r = "\u001b[31m";
        String y = "\u001b[33m";
        String c = "\u001b[36m";
        String b = "\u001b[34m";
        String grey = "\u001b[90m";
        String z = "\u001b[0m";
        String bold = "\u001b[1m";
        assertTrue(coloured.startsWith(bold + "Threads" + z + " "), coloured);
        assertTrue(coloured.contains(" hb#2.rx     " + g + "running" + z + " 224.3.29.71:10000 | " + grey + "/" + z
                + "   " + r + "X" + z + "\n"), coloured);
        // db is up: its down instance is grey; web is warn: its down instance is red, the failed state too
        assertTrue(coloured.contains(" db          " + g + "up" + z + y + "!" + z + "     failover          | "
                + g + "O" + z + y + "!" + z + c + "^" + z + " " + grey + "X" + z + "\n"), coloured);
        assertTrue(coloured.contains(" ns1/svc/web " + y + "warn" + z + y + "!" + z + r + "^" + z
                + "  flex              | " + y + "!" + z + y + "!" + z + c + "^" + z + " " + r + "X" + z
                + r + " start failed" + z + "\n"), coloured);
        assertTrue(coloured.contains(" batch       n/a     failover          | " + grey + "/" + z + b + "*" + z
                + "\n"), coloured);
        assertTrue(coloured.contains(" state                                 |     " + b + "*" + z + "\n"), coloured);
    }

    @Test
    void statsColumnsAreRightAlignedBetweenInfoAndTheSeparator() {
        MonRender.MonStats stats = new MonRender.MonStats() {
            @Override
            public List<String> thread(String name) {
                return name.equals("hb#1.rx") ? List.of("2h", "-", "0.1%", "3.2s", "-")
                        : List.of("2h", "-", "", "12s", "-");
            }

            @Override
            public List<String> object(String path) {
                return List.of("15m", "3", "", "1m", "120m");
            }
        };
        String out = MonRender.render(specSample(), new MonRender.View("n1", Set.of("threads", "services"), false,
                stats));
        assertTrue(out.startsWith("""
                Threads                                since tasks usage time  mem   n1  n2
                 hb#1.rx     running 0.0.0.0:10000        2h     -  0.1% 3.2s    - | /   O
                """), out);
        assertTrue(out.contains("\n listener    running                      2h     -        12s    -\n"), out);
        assertTrue(out.contains("\n db          up!     failover            15m     3         1m 120m | O!^ X\n"),
                out);
    }

    /** Issue 8 item 12: the leader marker follows the monitor's is_leader. */
    @Test
    void instanceCells() {
        assertEquals("X*P", MonRender.instanceCell(Datasets.instance("db", "n1", Status.DOWN, Status.DOWN, true,
                "false"), om.api.daemon.InstanceMonitor.idle(false), true));
        assertEquals("/", MonRender.instanceCell(null, null, true));
        assertEquals("", MonRender.instanceCell(null, null, false));
        assertEquals("o^ >placed@n2", MonRender.instanceCell(Datasets.instance("db", "n1", Status.STDBY_UP,
                Status.STDBY_UP, false, "true"), new om.api.daemon.InstanceMonitor("idle", "placed@n2", "none", true,
                null), true));
        assertEquals("!!P starting", MonRender.instanceCell(Datasets.instance("db", "n1", Status.WARN,
                Status.WARN, false, "mixed"), new om.api.daemon.InstanceMonitor("starting", "started", "none", false,
                null), true));
    }

    @Test
    void aSelectionShowsOnlyTheSelectedServices() {
        assertEquals("""
                Services                n1  n2
                 web     up! failover | O!^ /
                """, MonRender.render(Datasets.twoNodes().select("web"::equals), Set.of("services")));
    }
}
