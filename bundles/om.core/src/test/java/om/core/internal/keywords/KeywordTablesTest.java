package om.core.internal.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import om.api.config.Keyword;
import om.api.config.KeywordType;
import org.junit.jupiter.api.Test;

class KeywordTablesTest {
    private final FakeRegistry registry = FakeRegistry.standard();
    private final KeywordTables tables = new KeywordTables(registry);

    @Test
    void defaultTableMatchesTheSpec() {
        Set<String> names = DefaultKeywords.table().stream().map(Keyword::name).collect(Collectors.toSet());
        for (String k : List.of("id", "nodes", "drpnodes", "topology", "flex_min", "flex_max", "flex_target",
                "orchestrate", "placement", "priority", "monitor_action", "pre_monitor_action", "stonith", "parents",
                "children", "disable", "env", "app", "lock_timeout", "timeout", "start_timeout", "stop_timeout",
                "run_timeout", "sync_timeout", "status_timeout", "rollback", "monitor_schedule", "status_schedule",
                "sync_schedule", "sync_max_delay", "run_schedule", "comment")) {
            assertTrue(names.contains(k), k);
        }
        Set<String> notScopable = DefaultKeywords.table().stream().filter(k -> !k.scopable()).map(Keyword::name)
                .collect(Collectors.toSet());
        assertEquals(Set.of("nodes", "drpnodes", "topology", "placement", "priority", "id"), notScopable);
        assertTrue(DefaultKeywords.table().stream().allMatch(k -> !k.doc().isBlank()));
        Keyword topology = tables.keyword("DEFAULT", "topology", null).orElseThrow();
        assertEquals(List.of("failover", "flex"), topology.candidates());
        assertEquals("failover", topology.defaultValue());
        assertEquals(List.of("no", "ha", "start"), tables.keyword("DEFAULT", "orchestrate", null).orElseThrow().candidates());
    }

    @Test
    void commonResourceKeywords() {
        Set<String> names = ResourceKeywords.common().stream().map(Keyword::name).collect(Collectors.toSet());
        for (String a : List.of("start", "stop", "run", "sync")) {
            for (String k : List.of(a + "_requires", "pre_" + a, "post_" + a, "blocking_pre_" + a, "blocking_post_" + a)) {
                assertTrue(names.contains(k), k);
            }
        }
        assertEquals(KeywordType.DURATION, tables.keyword("ip#0", "restart_delay", null).orElseThrow().type());
        assertEquals("500ms", tables.keyword("container#0", "restart_delay", null).orElseThrow().defaultValue());
    }

    @Test
    void driverTableFromTheRegistry() {
        assertEquals(KeywordType.COMMAND, tables.keyword("app#0", "check", null).orElseThrow().type(), "default type");
        assertEquals(KeywordType.COMMAND, tables.keyword("app#0", "check", "forking").orElseThrow().type());
        assertTrue(tables.keyword("app#0", "check", "simple").isEmpty());
        assertEquals("3", tables.keyword("app#0", "restart", null).orElseThrow().defaultValue(), "driver refines");
        assertEquals("ipname", tables.keyword("ip#0", "name", null).orElseThrow().name(), "alias");
        assertTrue(tables.keyword("fs#0", "mnt", null).isEmpty(), "fs has no default type");
        assertTrue(tables.keyword("fs#0", "mnt", "ext4").orElseThrow().required());
        registry.remove("app.forking");
        assertTrue(tables.keyword("app#0", "check", null).isEmpty(), "drivers are looked up at each call");
        assertTrue(tables.keyword("app#0", "monitor", null).isPresent());
    }

    @Test
    void sectionsOtherThanResources() {
        assertTrue(tables.keyword("env", "whatever", null).isPresent());
        assertEquals(KeywordType.BOOL, tables.keyword("subset#app:web", "parallel", null).orElseThrow().type());
        assertTrue(tables.keyword("subset#app:web", "restart", null).isEmpty());
        assertTrue(tables.keyword("foo#1", "x", null).isEmpty());
        assertTrue(tables.keyword("DEFAULT", "restart", null).isEmpty());
    }

    @Test
    void tableListsDriverThenCommonWithoutDuplicates() {
        List<Keyword> t = tables.table("app#0", null);
        assertEquals("start", t.get(0).name());
        assertEquals(1, t.stream().filter(k -> k.name().equals("restart")).count());
        assertEquals(ResourceKeywords.common().size() + 4, t.size());
    }

    @Test
    void sectionNames() {
        assertEquals(SectionNames.Role.DEFAULT, SectionNames.role("DEFAULT"));
        assertEquals(SectionNames.Role.ENV, SectionNames.role("env"));
        assertEquals(SectionNames.Role.RESOURCE, SectionNames.role("fs#data.1"));
        assertEquals(SectionNames.Role.SUBSET, SectionNames.role("subset#app:g1"));
        assertEquals(SectionNames.Role.INVALID, SectionNames.role("subset#app"));
        assertEquals(SectionNames.Role.UNKNOWN_GROUP, SectionNames.role("foo#1"));
        assertEquals(SectionNames.Role.BARE_GROUP, SectionNames.role("app"));
        assertEquals(SectionNames.Role.INVALID, SectionNames.role("app#"));
        assertEquals(SectionNames.Role.INVALID, SectionNames.role("app#a b"));
        assertEquals(SectionNames.Role.INVALID, SectionNames.role("default"));
        assertEquals("fs", SectionNames.group("fs#1"));
        assertEquals("1", SectionNames.index("fs#1"));
        assertEquals("", SectionNames.index("DEFAULT"));
        assertNull(KeywordTables.effectiveType("disk", null));
        assertEquals("forking", KeywordTables.effectiveType("app", " "));
        assertFalse(SectionNames.isResource("subset#app:g"));
    }
}
