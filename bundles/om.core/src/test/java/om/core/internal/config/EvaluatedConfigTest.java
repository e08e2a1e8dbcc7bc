package om.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import om.api.ObjectPath;
import om.api.config.ConfigException;
import om.api.config.KeywordType;
import om.core.internal.keywords.FakeRegistry;
import om.core.internal.keywords.KeywordTables;
import org.junit.jupiter.api.Test;

class EvaluatedConfigTest {
    private static final Path VAR = Path.of("/om/var/namespaces/ns1/svc/web");

    private static EvaluatedConfig eval(String node, String text) {
        return eval(ObjectPath.parse("ns1/svc/web"), node, text);
    }

    private static EvaluatedConfig eval(ObjectPath path, String node, String text) {
        EvalContext ctx = new EvalContext(path, node, "c1", List.of("n1", "n2", "n3", "d1"), null, VAR);
        return new EvaluatedConfig(Path.of("/om/etc/web.conf"), Instant.EPOCH, ConfigParser.parse("web.conf", text),
                ctx, new KeywordTables(FakeRegistry.standard()));
    }

    private static ConfigException error(EvaluatedConfig c, String section, String key) {
        return assertThrows(ConfigException.class, () -> c.get(section, key));
    }

    private static final String SCOPED = """
            [DEFAULT]
            nodes = n1 n2
            drpnodes = d1 n2
            [app#0]
            restart = 1
            restart@nodes = 2
            restart@drpnodes = 3
            restart@n1 = 4
            [app#1]
            restart = 1
            restart@drpnodes = 3
            [app#2]
            restart@n9 = 9
            """;

    @Test
    void scopingRanks() {
        assertEquals(Optional.of("4"), eval("n1", SCOPED).get("app#0", "restart"), "@node wins");
        assertEquals(Optional.of("2"), eval("n2", SCOPED).get("app#0", "restart"), "@nodes wins over @drpnodes");
        assertEquals(Optional.of("3"), eval("d1", SCOPED).get("app#0", "restart"), "@drpnodes");
        assertEquals(Optional.of("1"), eval("n3", SCOPED).get("app#0", "restart"), "unscoped");
        assertEquals(Optional.of("3"), eval("n2", SCOPED).get("app#1", "restart"), "@drpnodes over unscoped");
        assertEquals(Optional.of("3"), eval("n1", SCOPED).get("app#2", "restart"),
                "keyword default (the fake app.forking refines restart to 3)");
        assertFalse(eval("n1", SCOPED).isWritten("app#2", "restart"));
        assertTrue(eval("n9", SCOPED).isWritten("app#2", "restart"));
        assertEquals(Optional.of("9"), eval("n9", SCOPED).get("app#2", "restart"));
    }

    @Test
    void defaults() {
        EvaluatedConfig c = eval("n1", "[DEFAULT]\nflex_min = 2\ntimeout = 2h\n[fs#1]\ntype = ext4\nmnt = /x\n");
        assertEquals(Optional.of("n1"), c.get("DEFAULT", "nodes"), "nodes defaults to the node");
        assertEquals(Optional.of("failover"), c.get("DEFAULT", "topology"));
        assertEquals(Optional.of("2"), c.get("DEFAULT", "flex_target"), "flex_target defaults to flex_min");
        assertEquals(Optional.of("1"), c.get("DEFAULT", "flex_max"), "flex_max defaults to the number of nodes");
        assertEquals(Optional.of("2h"), c.get("DEFAULT", "start_timeout"));
        assertEquals(Optional.empty(), c.get("DEFAULT", "id"));
        assertEquals(Optional.of("500ms"), c.get("fs#1", "restart_delay"), "common keyword default");
        assertEquals(Optional.empty(), c.get("fs#1", "dev"));
        assertEquals(Optional.empty(), c.get("fs#9", "restart_delay"), "no section, no default");
        assertEquals(Optional.empty(), c.get("DEFAULT", "unknown"));
        assertEquals(Optional.of("ext4"), c.get("fs#1", "type"));
        EvaluatedConfig t = eval("n1", "[app#0]\n[disk#0]\n[ip#1]\ntype = other\n");
        assertEquals(Optional.of("forking"), t.get("app#0", "type"), "group default type");
        assertEquals(Optional.empty(), t.get("disk#0", "type"), "disk has no default type");
        assertEquals(Optional.of("other"), t.get("ip#1", "type"));
        assertFalse(t.isWritten("app#0", "type"));
    }

    @Test
    void nodeEnvIsTheDefaultOfEnv() {
        EvalContext ctx = new EvalContext(ObjectPath.parse("web"), "n1", "c1", List.of("n1"), "PRD", VAR);
        EvaluatedConfig c = new EvaluatedConfig(null, Instant.EPOCH, ConfigParser.parse("t", "[DEFAULT]\n"), ctx,
                new KeywordTables(FakeRegistry.standard()));
        assertEquals(Optional.of("PRD"), c.get("DEFAULT", "env"));
        assertEquals(Optional.of("TST"), eval("n1", "[DEFAULT]\n").get("DEFAULT", "env"));
    }

    @Test
    void nodeGlobsExpandAgainstClusterNodes() {
        EvaluatedConfig c = eval("n2", "[DEFAULT]\nnodes = n* n1\n[app#0]\nrestart@nodes = 5\n");
        assertEquals(Optional.of("n1 n2 n3"), c.get("DEFAULT", "nodes"));
        assertEquals(List.of("n1", "n2", "n3"), c.nodes());
        assertEquals(Optional.of("5"), c.get("app#0", "restart"));
    }

    @Test
    void aliasesAnswerForTheKeyword() {
        EvaluatedConfig c = eval("n1", "[ip#0]\nname = 10.0.0.1\ndev = lo\n");
        assertEquals(Optional.of("10.0.0.1"), c.get("ip#0", "ipname"));
        assertEquals(Optional.of("lo"), c.get("ip#0", "ipdev"));
        assertTrue(c.isWritten("ip#0", "ipname"));
    }

    @Test
    void rids() {
        EvaluatedConfig c = eval("n1", "[DEFAULT]\n[env]\n[fs#b]\ntype=ext4\n[subset#app:g1]\nparallel = true\n"
                + "[ip#0]\n[foo#1]\n[app]\n[app#web.1]\n");
        assertEquals(List.of("fs#b", "ip#0", "app#web.1"), c.rids());
        EvaluatedConfig cfg = eval(ObjectPath.parse("cfg/c1"), "n1", "[DEFAULT]\n[app#1]\n");
        assertEquals(List.of(), cfg.rids(), "kinds without resources have no rids");
    }

    @Test
    void keywordLookup() {
        EvaluatedConfig c = eval("n1", "[app#0]\n[app#1]\ntype = simple\n[env]\n[subset#app:g]\n");
        assertEquals(KeywordType.COMMAND, c.keyword("app#0", "start").orElseThrow().type());
        assertTrue(c.keyword("app#1", "start").isEmpty(), "app.simple is not deployed");
        assertEquals(KeywordType.BOOL, c.keyword("app#1", "standby").orElseThrow().type());
        assertTrue(c.keyword("env", "anything").isPresent());
        assertTrue(c.keyword("subset#app:g", "parallel").isPresent());
        assertFalse(c.keyword("DEFAULT", "nodes").orElseThrow().scopable());
    }

    @Test
    void referenceForms() {
        EvaluatedConfig c = eval("n1.example.com", """
                [DEFAULT]
                nodes = n1.example.com n2
                app = shop
                [env]
                port = 8080
                [disk#0]
                type = loop
                file = {var}/disk0.img
                [app#web]
                start = {env.port} {nodename} {short_nodename} {name} {svcname} {namespace} {kind} {path}
                stop = {rid} {rindex} {clustername} {clusternodes} {#nodes} {var}
                check = {app} {disk#0.file} {DEFAULT.app} {timeout} {start_timeout}
                info = {restart}
                """);
        assertEquals(Optional.of("8080 n1.example.com n1 web web ns1 svc ns1/svc/web"), c.get("app#web", "start"));
        assertEquals(Optional.of("app#web web c1 n1 n2 n3 d1 2 " + VAR), c.get("app#web", "stop"));
        assertEquals(Optional.of("shop " + VAR + "/disk0.img shop 1h 1h"), c.get("app#web", "check"));
        assertEquals(Optional.of("3"), c.get("app#web", "info"), "{restart} is the section's keyword default");
    }

    @Test
    void hardCodedNamesWinOverKeywords() {
        EvaluatedConfig c = eval("n1", "[ip#0]\nname = 1.2.3.4\ndev = lo\ncomment = {name}\n");
        assertEquals(Optional.of("web"), c.get("ip#0", "comment"));
    }

    @Test
    void sameSectionThenDefault() {
        EvaluatedConfig c = eval("n1", "[DEFAULT]\nx = d\ny = dy\n[env]\nx = e\nz = {x}{y}\n");
        assertEquals(Optional.of("edy"), c.get("env", "z"));
    }

    @Test
    void scopingAppliesBeforeReferences() {
        EvaluatedConfig c = eval("n2", "[DEFAULT]\nnodes = n1 n2\n[env]\nport = 1\nport@n2 = 2\n[app#0]\nstart = x {env.port}\n");
        assertEquals(Optional.of("x 2"), c.get("app#0", "start"));
    }

    @Test
    void nestingUpToTenLevels() {
        StringBuilder b = new StringBuilder("[env]\nv0 = end\n");
        for (int i = 1; i <= 10; i++) {
            b.append("v").append(i).append(" = {env.v").append(i - 1).append("}\n");
        }
        b.append("v11 = {env.v10}\n");
        EvaluatedConfig c = eval("n1", b.toString());
        assertEquals(Optional.of("end"), c.get("env", "v10"));
        ConfigException e = error(c, "env", "v11");
        assertTrue(e.getMessage().contains("env.v11: references nested deeper than 10 levels"), e.getMessage());
    }

    @Test
    void loopIsAnErrorNamingTheKeyword() {
        EvaluatedConfig c = eval("n1", "[env]\na = {env.b}\nb = {c}\nc = x{env.a}\n");
        ConfigException e = error(c, "env", "a");
        assertEquals("/om/etc/web.conf:2: env.a: reference loop: env.a -> env.b -> env.c -> env.a", e.getMessage());
        ConfigException self = error(eval("n1", "[DEFAULT]\ncomment = {comment}\n"), "DEFAULT", "comment");
        assertTrue(self.getMessage().contains("reference loop"), self.getMessage());
    }

    @Test
    void loopThroughNodesScope() {
        EvaluatedConfig c = eval("n1", "[DEFAULT]\nnodes = {env.x}\n[env]\nx = n1\nx@nodes = n2\n");
        ConfigException e = error(c, "DEFAULT", "nodes");
        assertTrue(e.getMessage().contains("reference loop"), e.getMessage());
    }

    @Test
    void verbatimBraces() {
        EvaluatedConfig c = eval("n1", "[app#0]\nstart = awk '{print $1}' | sh -c '{ a; }' ${HOME} {} {a.b} {{name}} {x\n");
        assertEquals(Optional.of("awk '{print $1}' | sh -c '{ a; }' ${HOME} {} {a.b} {web} {x"), c.get("app#0", "start"));
    }

    @Test
    void exposedDevsKeptUnlessWritten() {
        EvaluatedConfig c = eval("n1", "[disk#0]\ntype = loop\n[disk#1]\ntype = loop\nexposed_devs = /dev/loop3 /dev/loop4\n"
                + "[fs#0]\ntype = ext4\nmnt = /m\ndev = {disk#0.exposed_devs[0]}\n[fs#1]\ntype = ext4\nmnt = /n\n"
                + "dev = {disk#1.exposed_devs[1]}\n");
        assertEquals(Optional.of("{disk#0.exposed_devs[0]}"), c.get("fs#0", "dev"));
        assertEquals(Optional.of("/dev/loop4"), c.get("fs#1", "dev"));
    }

    @Test
    void missingReferencesAreErrorsNamingTheKeyword() {
        EvaluatedConfig c = eval("n1", """
                [env]
                a = 1
                [app#0]
                start = {env.nope}
                stop = {app#9.start}
                check = {DEFAULT.comment}
                info = {app#0.stop_timeout}
                """);
        assertEquals("/om/etc/web.conf:4: app#0.start: reference {env.nope}: no key 'nope' in [env]",
                error(c, "app#0", "start").getMessage());
        assertEquals("/om/etc/web.conf:5: app#0.stop: reference {app#9.start}: no section [app#9]",
                error(c, "app#0", "stop").getMessage());
        assertTrue(error(c, "app#0", "check").getMessage()
                .endsWith("app#0.check: reference {DEFAULT.comment}: keyword 'comment' is not set and has no default"));
        assertTrue(error(c, "app#0", "info").getMessage().contains("keyword 'stop_timeout' is not set"));
        assertTrue(error(c, "app#0", "info").getMessage().contains("app#0.info:"));
    }

    @Test
    void knownKeywordWithoutValueIsAnError() {
        EvaluatedConfig c = eval("n1", "[app#0]\nstart = run {comment}\n");
        ConfigException e = error(c, "app#0", "start");
        assertTrue(e.getMessage().contains("reference {comment}: keyword 'comment' is not set"), e.getMessage());
    }

    @Test
    void expandPublic() {
        EvaluatedConfig c = eval("n1", "[env]\np = 1\n");
        assertEquals("1-web-{print}", c.expand("app#0", "{env.p}-{name}-{print}"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.expand("app#0", "{env.q}"));
        assertTrue(e.getMessage().contains("no key 'q' in [env]"), e.getMessage());
    }

    @Test
    void getIsCachedAndConsistent() {
        EvaluatedConfig c = eval("n1", "[env]\np = {nodename}\n");
        assertEquals(c.get("env", "p"), c.get("env", "p"));
        ConfigException first = error(eval("n1", "[env]\np = {env.q}\n"), "env", "p");
        assertTrue(first.getMessage().contains("env.p"));
    }

    @Test
    void asNodeEvaluatesForAPeer() {
        EvaluatedConfig c = eval("n1", SCOPED);
        assertEquals(Optional.of("3"), c.asNode("d1").get("app#0", "restart"));
        assertEquals("d1", c.asNode("d1").node());
    }
}
