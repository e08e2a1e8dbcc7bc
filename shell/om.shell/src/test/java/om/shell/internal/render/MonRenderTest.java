package om.shell.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MonRenderTest {
    @Test
    void rendersTheLayoutOfTheSpecFromTheTypedDataset() {
        assertEquals("""
                Threads                       n1  n2
                 listener  running
                 monitor   running
                 scheduler running

                Nodes                         n1  n2
                 15m                        | 0.4 /
                 state                      |     *

                Services                      n1  n2
                 db        down    failover | X*P
                 web       up!     failover | O!^ /
                """, MonRender.render(Datasets.twoNodes()));
    }

    @Test
    void sectionsSelectWhatIsShown() {
        assertEquals("""
                Services                 n1  n2
                 db      down failover | X*P
                 web     up!  failover | O!^ /
                """, MonRender.render(Datasets.twoNodes(), Set.of("services")));
    }

    /** Issue 8 item 12: the leader marker follows the monitor's is_leader, never shown on a frozen instance. */
    @Test
    void theLeaderMarkerComesFromTheInstanceMonitor() {
        assertEquals("X*P", MonRender.instanceCell(Datasets.instance("db", "n1", om.api.status.Status.DOWN,
                om.api.status.Status.DOWN, true, "false"), om.api.daemon.InstanceMonitor.idle(false), true));
        assertEquals("/", MonRender.instanceCell(null, null, true));
        assertEquals("", MonRender.instanceCell(null, null, false));
    }

    @Test
    void aSelectionShowsOnlyTheSelectedServices() {
        assertEquals("""
                Services                n1  n2
                 web     up! failover | O!^ /
                """, MonRender.render(Datasets.twoNodes().select("web"::equals), Set.of("services")));
    }
}
