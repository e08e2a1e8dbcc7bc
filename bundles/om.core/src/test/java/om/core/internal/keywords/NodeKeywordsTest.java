package om.core.internal.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import om.api.config.Keyword;
import org.junit.jupiter.api.Test;

class NodeKeywordsTest {
    private static String def(String section, String key, String type) {
        Keyword k = NodeKeywords.keyword(section, key, type).orElseThrow(() -> new AssertionError(section + "." + key));
        return k.defaultValue();
    }

    @Test
    void sectionRoles() {
        for (String s : List.of("cluster", "node", "listener", "syslog", "log", "hb#1", "hb#lan", "arbitrator#0",
                "stonith#n2")) {
            assertEquals(NodeKeywords.Role.KNOWN, NodeKeywords.role(s), s);
        }
        assertEquals(NodeKeywords.Role.BARE_GROUP, NodeKeywords.role("hb"));
        assertEquals(NodeKeywords.Role.BARE_GROUP, NodeKeywords.role("stonith"));
        for (String s : List.of("DEFAULT", "env", "app#0", "hb#", "hb#a b", "clusters", "Cluster", "pool#1")) {
            assertEquals(NodeKeywords.Role.UNKNOWN, NodeKeywords.role(s), s);
        }
    }

    /** heartbeats-and-daemon section 1 and 3, default by default. */
    @Test
    void defaultsOfTheSpec() {
        assertEquals("default", def("cluster", "name", null));
        assertEquals("{nodename}", def("cluster", "nodes", null));
        assertEquals("false", def("cluster", "quorum", null));
        assertEquals(null, def("cluster", "secret", null));
        assertEquals("TST", def("node", "env", null));
        assertEquals("10", def("node", "max_parallel", null));
        assertEquals("5s", def("node", "ready_period", null));
        assertEquals("90s", def("node", "rejoin_grace_period", null));
        assertEquals("60s", def("node", "maintenance_grace_period", null));
        assertEquals("crash", def("node", "split_action", null));
        assertEquals("0.0.0.0", def("listener", "addr", null));
        assertEquals("1215", def("listener", "port", null));
        assertEquals("daemon", def("syslog", "facility", null));
        assertEquals("info", def("syslog", "level", null));
        assertEquals("514", def("syslog", "port", null));
        assertEquals("1", def("arbitrator#1", "weight", null));
        assertEquals("false", def("arbitrator#1", "insecure", null));
        assertTrue(NodeKeywords.keyword("arbitrator#1", "uri", null).orElseThrow().required());
        assertTrue(NodeKeywords.keyword("stonith#n2", "command", null).orElseThrow().required());
    }

    @Test
    void heartbeatDefaultsFollowTheType() {
        assertEquals("5s", def("hb#1", "interval", "unicast"));
        assertEquals("15s", def("hb#1", "timeout", "multicast"));
        assertEquals("10000", def("hb#1", "port", "unicast"));
        assertEquals("10000", def("hb#1", "port", "multicast"));
        assertEquals("0.0.0.0", def("hb#1", "addr", "unicast"));
        assertEquals("224.3.29.71", def("hb#1", "addr", "multicast"));
        assertEquals(null, def("hb#1", "addr", null), "no type: no address default");
        assertEquals("{clusternodes}", def("hb#1", "nodes", "unicast"));
        assertFalse(NodeKeywords.keyword("hb#1", "nodes", "multicast").isPresent(), "nodes is a unicast keyword");
        Keyword type = NodeKeywords.keyword("hb#1", "type", null).orElseThrow();
        assertTrue(type.required());
        assertFalse(type.scopable());
        assertEquals(List.of("unicast", "multicast"), type.candidates());
    }

    @Test
    void objectSectionsAreNoNodeSections() {
        KeywordTables node = KeywordTables.forNodeConfig(FakeRegistry.standard());
        assertTrue(node.keyword("app#0", "start", null).isEmpty());
        assertEquals("5s", node.keyword("hb#1", "interval", "unicast").orElseThrow().defaultValue());
        assertTrue(node.keyword("DEFAULT", "nodes", null).isPresent(), "DEFAULT carries the cluster nodes");
        KeywordTables objects = new KeywordTables(FakeRegistry.standard());
        assertTrue(objects.keyword("hb#1", "interval", "unicast").isEmpty());
    }
}
