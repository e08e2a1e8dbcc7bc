package om.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import om.api.ObjectPath;
import om.api.config.ConfigException;
import om.api.config.ConfigIssue;
import om.api.config.KeywordChange;
import om.api.config.KeywordType;
import om.api.config.ObjectConfig;
import om.api.config.RawConfig;
import om.core.internal.driver.RecordingLog;
import om.core.internal.keywords.FakeDriver;
import om.core.internal.keywords.FakeRegistry;
import om.core.internal.node.InstallationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreImplTest {
    @TempDir
    Path root;

    private final FakeRegistry drivers = FakeRegistry.standard();

    private final RecordingLog nodeLog = new RecordingLog();

    private ObjectStoreImpl store() {
        return new ObjectStoreImpl(new InstallationImpl(root, "n1"), drivers).withLog(nodeLog);
    }

    /** The store's node.log lines as om.log writes them: {@code <LEVEL> c:<component> | <message>}, node-level. */
    private List<String> nodeLogLines() {
        assertTrue(nodeLog.events.stream().allMatch(e -> e.path() == null && "n1".equals(e.node())));
        return nodeLog.events.stream().map(e -> e.level() + " c:" + e.component() + " | " + e.message()).toList();
    }

    private void file(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static ObjectPath p(String s) {
        return ObjectPath.parse(s);
    }

    @Test
    void configFileLocations() {
        ObjectStoreImpl s = store();
        Path etc = root.toAbsolutePath().resolve("etc");
        assertEquals(etc.resolve("web.conf"), s.configFile(p("web")));
        assertEquals(etc.resolve("web.conf"), s.configFile(p("root/svc/web")));
        assertEquals(etc.resolve("vol/data1.conf"), s.configFile(p("vol/data1")));
        assertEquals(etc.resolve("cfg/c1.conf"), s.configFile(p("cfg/c1")));
        assertEquals(etc.resolve("namespaces/ns1/svc/web1.conf"), s.configFile(p("ns1/svc/web1")));
        assertEquals(etc.resolve("namespaces/ns1/nscfg/namespace.conf"), s.configFile(p("ns1/")));
        assertEquals(etc.resolve("cluster.conf"), s.configFile(p("cluster")));
    }

    @Test
    void listsEveryKindAndSkipsBadFileNames() throws IOException {
        for (String f : List.of("etc/node.conf", "etc/cluster.conf", "etc/web.conf", "etc/vol/v1.conf", "etc/cfg/c1.conf",
                "etc/sec/s1.conf", "etc/usr/u1.conf", "etc/nscfg/namespace.conf", "etc/namespaces/ns1/svc/a.conf",
                "etc/namespaces/ns1/nscfg/namespace.conf", "etc/namespaces/ns2/vol/b.conf",
                "etc/Bad.conf", "etc/svc/x.conf", "etc/foo/y.conf", "etc/namespace.conf", "etc/.web.conf.123.tmp",
                "etc/notes.txt", "etc/namespaces/ns1/svc/Up.conf")) {
            file(f, "[DEFAULT]\n");
        }
        ObjectStoreImpl s = store();
        assertEquals(List.of("cfg/c1", "cluster", "ns1/nscfg/namespace", "ns1/svc/a", "ns2/vol/b", "nscfg/namespace",
                "sec/s1", "usr/u1", "vol/v1", "web"), canonical(s.list()));
        List<String> log = nodeLogLines();
        assertEquals(5, log.size(), log.toString());
        assertTrue(log.stream().allMatch(l -> l.matches("WARN c:store \\| skip config file .*")), log.toString());
        assertFalse(Files.exists(root.resolve("log/node.log")), "nothing writes node.log behind om.log");
        assertTrue(log.stream().anyMatch(l -> l.contains("Bad.conf") && l.contains("uppercase letters are not allowed")));
        assertTrue(log.stream().anyMatch(l -> l.contains("svc/x.conf") && l.contains("not this file")));
        assertTrue(log.stream().anyMatch(l -> l.contains("foo/y.conf") && l.contains("unknown kind 'foo'")));
        assertTrue(log.stream().anyMatch(l -> l.contains("namespace.conf") && l.contains("reserved name")));
        s.list();
        assertEquals(5, nodeLogLines().size(), "a skipped file is reported once");
    }

    private static List<String> canonical(List<ObjectPath> paths) {
        return paths.stream().map(ObjectPath::canonical).toList();
    }

    @Test
    void listingOrderAndClusterOnlyWhenPresent() throws IOException {
        ObjectStoreImpl s = store();
        assertEquals(List.of(), s.list(), "no etc dir");
        file("etc/web.conf", "");
        file("etc/vol/v1.conf", "");
        file("etc/namespaces/ns1/svc/a.conf", "");
        file("etc/node.conf", "");
        assertEquals(List.of("ns1/svc/a", "vol/v1", "web"), canonical(s.list()));
        file("etc/cluster.conf", "[cluster]\nname = c1\n");
        assertEquals(List.of("cluster", "ns1/svc/a", "vol/v1", "web"), canonical(s.list()));
        assertTrue(s.exists(p("cluster")));
        assertFalse(s.exists(p("nope")));
    }

    @Test
    void loadEvaluatesAsTheLocalNodeWithClusterFacts() throws IOException {
        file("etc/web.conf", "[DEFAULT]\nnodes = n1 n2\n[env]\nx = 1\nx@n1 = {clustername} {clusternodes} {var}\n");
        ObjectStoreImpl s = store();
        ObjectConfig c = s.load(p("web")).orElseThrow();
        assertEquals("n1", c.node());
        assertEquals(p("web"), c.path());
        assertEquals(Optional.of("default n1 " + root.toAbsolutePath().resolve("var/svc/web")), c.get("env", "x"));
        file("etc/cluster.conf", "[cluster]\nname = c1\nnodes = n1 n2 n3\n");
        assertEquals(Optional.of("c1 n1 n2 n3 " + root.toAbsolutePath().resolve("var/svc/web")),
                s.load(p("web")).orElseThrow().get("env", "x"), "cluster.conf changes are seen");
        file("etc/node.conf", "[node]\nenv = PRD\n");
        assertEquals(Optional.of("PRD"), s.load(p("web")).orElseThrow().get("DEFAULT", "env"));
        assertEquals(Optional.empty(), s.load(p("other")));
    }

    @Test
    void loadCachesUntilTheFileChanges() throws IOException {
        file("etc/web.conf", "[env]\nx = 1\n");
        ObjectStoreImpl s = store();
        ObjectConfig a = s.load(p("web")).orElseThrow();
        assertSame(a, s.load(p("web")).orElseThrow());
        // same size, rewritten in place: mtime (and inode on replacement) tell the difference
        Path f = root.resolve("etc/web.conf");
        Files.writeString(f, "[env]\nx = 2\n");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(a.mtime().toEpochMilli() + 5000));
        ObjectConfig b = s.load(p("web")).orElseThrow();
        assertNotSame(a, b);
        assertEquals(Optional.of("2"), b.get("env", "x"));
        Files.delete(f);
        assertEquals(Optional.empty(), s.load(p("web")));
    }

    @Test
    void driverArrivalInvalidatesTheCache() throws IOException {
        file("etc/web.conf", "[app#0]\ntype = simple\n");
        ObjectStoreImpl s = store();
        ObjectConfig a = s.load(p("web")).orElseThrow();
        assertTrue(a.keyword("app#0", "start").isEmpty());
        drivers.add(new FakeDriver("app", "simple", List.of(
                om.api.config.Keyword.of("start", KeywordType.COMMAND, "x", "start"))));
        ObjectConfig b = s.load(p("web")).orElseThrow();
        assertNotSame(a, b);
        assertEquals(Optional.of("x"), b.get("app#0", "start"));
    }

    @Test
    void loadReportsSyntaxErrorsWithFileAndLine() throws IOException {
        file("etc/web.conf", "[DEFAULT]\nnodes = a\nnodes = b\n");
        ObjectStoreImpl s = store();
        ConfigException e = assertThrows(ConfigException.class, () -> s.load(p("web")));
        assertEquals(root.toAbsolutePath().resolve("etc/web.conf") + ":3: duplicate key 'nodes' in section [DEFAULT]",
                e.getMessage());
        assertThrows(ConfigException.class, () -> s.load(p("web")), "cached failures still fail");
    }

    @Test
    void validateInstalledAndText() throws IOException {
        ObjectStoreImpl s = store();
        List<ConfigIssue> none = s.validate(p("web"));
        assertEquals(1, none.size());
        assertTrue(none.get(0).message().contains("does not exist"));
        file("etc/web.conf", "[DEFAULT]\nbogus = 1\n");
        List<ConfigIssue> issues = s.validate(p("web"));
        assertEquals(List.of(root.toAbsolutePath().resolve("etc/web.conf") + ":2: unknown keyword 'bogus' in [DEFAULT]"),
                issues.stream().map(ConfigIssue::toString).toList());
        assertEquals(List.of(), s.validate(p("web"), "[DEFAULT]\nnodes = n1\n"));
    }

    @Test
    void writeAddsAnIdAndIsAtomic() throws IOException {
        ObjectStoreImpl s = store();
        RawConfig c = s.parse("x", "[DEFAULT]\nnodes = n1 n2\n\n[app#0]\nstart = /bin/true\n");
        s.write(p("ns1/svc/web"), c);
        Path f = root.resolve("etc/namespaces/ns1/svc/web.conf");
        String text = Files.readString(f);
        assertTrue(text.matches("(?s)\\[DEFAULT]\nid = [0-9a-f-]{36}\nnodes = n1 n2\n\n\\[app#0]\nstart = /bin/true\n"), text);
        assertEquals(List.of("web.conf"), names(f.getParent()), "no temporary file left");
        String id = s.load(p("ns1/svc/web")).orElseThrow().get("DEFAULT", "id").orElseThrow();
        s.write(p("ns1/svc/web"), s.load(p("ns1/svc/web")).orElseThrow().raw().with("app#0", "stop", null, "/bin/false"));
        assertEquals(Optional.of(id), s.load(p("ns1/svc/web")).orElseThrow().get("DEFAULT", "id"), "the id is kept");
        assertEquals(Optional.of("/bin/false"), s.load(p("ns1/svc/web")).orElseThrow().get("app#0", "stop"));
    }

    @Test
    void writeWithoutDefaultSectionCreatesOneFirst() throws IOException {
        ObjectStoreImpl s = store();
        s.write(p("cfg/c1"), s.parse("x", "[data]\nk = v\n"));
        String text = Files.readString(root.resolve("etc/cfg/c1.conf"));
        assertTrue(text.startsWith("[DEFAULT]\nid = "), text);
        assertTrue(text.endsWith("\n\n[data]\nk = v\n"), text);
        s.write(p("cluster"), s.parse("x", "[cluster]\nname = c1\n"));
        assertEquals("[cluster]\nname = c1\n", Files.readString(root.resolve("etc/cluster.conf")),
                "the cluster config keeps its id in [cluster]");
    }

    @Test
    void setRefusesAMalformedScheduleNamingTheKeyword() throws IOException {
        ObjectStoreImpl s = store();
        file("etc/web.conf", "[DEFAULT]\nid = 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> s.change(p("web"),
                List.of(new KeywordChange("DEFAULT", "status_schedule", null, "* fry"))));
        assertTrue(e.getMessage().endsWith("DEFAULT.status_schedule: '* fry' is not a schedule (unknown day 'fry')"),
                e.getMessage());
        assertEquals("[DEFAULT]\nid = 1\n", Files.readString(root.resolve("etc/web.conf")));
        s.change(p("web"), List.of(new KeywordChange("DEFAULT", "status_schedule", null, "@5m")));
        assertTrue(Files.readString(root.resolve("etc/web.conf")).contains("status_schedule = @5m"));
    }

    @Test
    void writeRefusesInvalidConfigsAndKeepsTheOldFile() throws IOException {
        ObjectStoreImpl s = store();
        file("etc/web.conf", "[DEFAULT]\nid = 1\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> s.write(p("web"), s.parse("x", "[DEFAULT]\nid = 1\nstonith = maybe\nfoo = 2\n")));
        assertTrue(e.getMessage().endsWith("etc/web.conf:3: DEFAULT.stonith: 'maybe' is not a boolean (true false yes no 1 0)"),
                e.getMessage());
        assertEquals(2, e.issues().size());
        assertEquals("[DEFAULT]\nid = 1\n", Files.readString(root.resolve("etc/web.conf")));
        RawConfig blank = new RawConfig(List.of()).with("env", "x", null, "a\n\nb");
        ConfigException b = assertThrows(ConfigException.class, () -> s.write(p("web"), blank));
        assertTrue(b.getMessage().contains("env.x: a value line cannot be blank"), b.getMessage());
        assertEquals(List.of("web.conf"), names(root.resolve("etc")));
    }

    @Test
    void writeAcceptsWarnings() {
        ObjectStoreImpl s = store();
        s.write(p("web"), s.parse("x", "[container#0]\nimage = busybox\n"));
        assertTrue(s.exists(p("web")));
    }

    @Test
    void readersNeverSeeAHalfWrittenFile() throws Exception {
        ObjectStoreImpl s = store();
        String big = "x".repeat(200_000);
        RawConfig a = s.parse("a", "[DEFAULT]\nid = a\n[env]\nv = A" + big + "\n");
        RawConfig b = s.parse("b", "[DEFAULT]\nid = b\n[env]\nv = B" + big + big + "\n");
        s.write(p("web"), a);
        String textA = s.render(a);
        String textB = s.render(b);
        Path f = root.resolve("etc/web.conf");
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> bad = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    String t = Files.readString(f);
                    if (!t.equals(textA) && !t.equals(textB)) {
                        bad.set("read " + t.length() + " chars");
                    }
                } catch (IOException e) {
                    bad.set(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 30; i++) {
            s.write(p("web"), i % 2 == 0 ? b : a);
        }
        done.set(true);
        reader.join();
        assertEquals(null, bad.get());
        assertEquals(List.of("web.conf"), names(root.resolve("etc")));
    }

    @Test
    void deleteRemovesConfigAndVarDir() throws IOException {
        file("etc/namespaces/ns1/vol/v1.conf", "[DEFAULT]\n");
        file("var/namespaces/ns1/vol/v1/sub/status.json", "{}");
        file("var/namespaces/ns1/vol/v2/keep", "");
        ObjectStoreImpl s = store();
        s.load(p("ns1/vol/v1"));
        s.delete(p("ns1/vol/v1"));
        assertFalse(Files.exists(root.resolve("etc/namespaces/ns1/vol/v1.conf")));
        assertFalse(Files.exists(root.resolve("var/namespaces/ns1/vol/v1")));
        assertTrue(Files.exists(root.resolve("var/namespaces/ns1/vol/v2/keep")));
        assertEquals(Optional.empty(), s.load(p("ns1/vol/v1")));
        s.delete(p("ns1/vol/v1"));
    }

    @Test
    void renderAndParseDelegate() {
        ObjectStoreImpl s = store();
        RawConfig c = s.parse("t", "[DEFAULT]\nnodes = a\n[env]\nx = 1\n");
        assertEquals("[DEFAULT]\nnodes = a\n\n[env]\nx = 1\n", s.render(c));
        ConfigException e = assertThrows(ConfigException.class, () -> s.parse("t.conf", "x = 1"));
        assertEquals("t.conf:1: key 'x' before the first section", e.getMessage());
    }

    private static List<String> names(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> st = Files.list(dir)) {
            st.filter(Files::isRegularFile).forEach(x -> out.add(x.getFileName().toString()));
        }
        return out;
    }
}
