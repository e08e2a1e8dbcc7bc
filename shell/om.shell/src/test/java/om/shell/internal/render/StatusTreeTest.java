package om.shell.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import om.api.status.InstanceStatus;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

class StatusTreeTest {
    static ResourceStatus res(String rid, Status s, String label, boolean monitor, boolean optional, boolean standby,
                              int restart, String provisioned, List<LogEntry> log) {
        return new ResourceStatus(rid, rid.substring(0, rid.indexOf('#')) + ".x", label, s, provisioned, monitor,
                false, optional, standby, false, false, false, restart, restart, null, List.of(), log);
    }

    @Test
    void rendersTheSampleOfTheSpec() {
        Map<String, ResourceStatus> r = new LinkedHashMap<>();
        r.put("ip#0", res("ip#0", Status.UP, "127.0.0.10/8@lo", false, false, false, 0, "true", List.of()));
        r.put("disk#0", res("disk#0", Status.STDBY_UP, "loop /srv/web1/disk0.img", false, false, true, 0, "true",
                List.of()));
        r.put("fs#0", res("fs#0", Status.UP, "ext4 /dev/loop0@/srv/web1", false, false, false, 0, "true", List.of()));
        r.put("app#0", res("app#0", Status.UP, "forking app /usr/local/bin/webctl start", true, false, false, 1,
                "true", List.of()));
        r.put("sync#i0", res("sync#i0", Status.UP, "config sync to nodes", false, true, false, 0, "n/a", List.of()));
        r.put("task#backup", res("task#backup", Status.NA, "task /usr/local/bin/backup", false, false, false, 0,
                "n/a", List.of(LogEntry.warn("last run exited with code 2"))));
        InstanceStatus st = new InstanceStatus("web1", "n1", "svc", "failover", "ha", Status.UP, Status.WARN,
                Status.UP, "true", false, null, Instant.now(), null, List.of(), r, 50);
        String expected = """
                overall                       warn
                |- avail                      up
                |  |- ip#0           ........ up         127.0.0.10/8@lo
                |  |- disk#0         ......S. stdby up   loop /srv/web1/disk0.img
                |  |- fs#0           ........ up         ext4 /dev/loop0@/srv/web1
                |  '- app#0          .M.....1 up         forking app /usr/local/bin/webctl start
                '- accessory
                   |- sync#i0        ...O./.. up         config sync to nodes
                   '- task#backup    ...../.. n/a        task /usr/local/bin/backup
                                                         warn: last run exited with code 2
                """;
        assertEquals(expected, StatusTree.render(st, List.of(), Set.of()));
    }

    @Test
    void noResourcesAndNotices() {
        InstanceStatus st = new InstanceStatus("web1", "n1", "svc", "failover", "no", Status.NA, Status.NA,
                Status.NA, "n/a", true, null, Instant.now(), null, List.of(), Map.of(), 10);
        assertEquals("""
                overall                       n/a        frozen, p10
                '- avail                      n/a
                """, StatusTree.render(st, List.of("frozen", "p10"), Set.of()));
    }

    @Test
    void parentsAndChildrenFollowTheResources() {
        Map<String, ResourceStatus> r = new LinkedHashMap<>();
        r.put("app#0", res("app#0", Status.UP, "forking app /bin/true", false, false, false, 0, "true", List.of()));
        InstanceStatus st = new InstanceStatus("web1", "n1", "svc", "failover", "no", Status.UP, Status.UP,
                Status.NA, "true", false, null, Instant.now(), null, List.of(), r, 50);
        Map<String, Map<String, String>> related = new LinkedHashMap<>();
        related.put("parents", Map.of("db", "up"));
        related.put("children", Map.of("ns1/svc/front", "down"));
        assertEquals("""
                overall                       up
                |- avail                      up
                |  '- app#0          ........ up         forking app /bin/true
                |- parents
                |  '- db                      up
                '- children
                   '- ns1/svc/front           down
                """, StatusTree.render(st, List.of(), Set.of(), related));
    }
}
