package om.log.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import om.api.status.Level;
import om.log.internal.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSettingsTest {
    @TempDir
    Path root;

    @Test
    void defaultsWithoutNodeConf() {
        LogConfig c = new TestNode(root, "n1").settings().current();
        assertEquals(5L << 20, c.maxSize());
        assertEquals(5, c.keep());
        assertNull(c.syslog());
        assertNull(c.collector());
    }

    @Test
    void syslogSectionSwitchesSyslogOnAndOffWithoutRestart() throws Exception {
        TestNode node = new TestNode(root, "n1");
        LogSettings s = node.settings();
        node.nodeConf("[syslog]\n");
        SyslogConfig on = s.current().syslog();
        assertNotNull(on);
        assertEquals(3, on.facility());
        assertEquals(Level.INFO, on.minLevel());
        assertNull(on.host());
        assertEquals("/dev/log", on.socket());
        assertFalse(on.rfc3164());
        node.nodeConf("[syslog]\nfacility = local3\nlevel = warning\nhost = 127.0.0.1\nport = 5514\nformat = rfc3164\n");
        SyslogConfig udp = s.current().syslog();
        assertEquals(19, udp.facility());
        assertEquals(Level.WARN, udp.minLevel());
        assertEquals("127.0.0.1", udp.host());
        assertEquals(5514, udp.port());
        assertTrue(udp.rfc3164());
        node.nodeConf("[node]\nenv = DEV\n");
        assertNull(s.current().syslog());
    }

    @Test
    void nodeConfOverlaysClusterConfAndScopedValuesWin() throws Exception {
        TestNode node = new TestNode(root, "n1");
        Files.createDirectories(node.etc());
        Files.writeString(node.etc().resolve("cluster.conf"), "[log]\nkeep = 7\nmax_size = 1m\n");
        node.nodeConf("[log]\nkeep = 3\nkeep@n1 = 4\nkeep@n2 = 9\n");
        LogConfig c = node.settings().current();
        assertEquals(4, c.keep());
        assertEquals(1L << 20, c.maxSize());
    }

    @Test
    void badValuesFallBackToDefaultsAndAreReported() throws Exception {
        TestNode node = new TestNode(root, "n1");
        node.nodeConf("[log]\nkeep = many\n[syslog]\nfacility = nowhere\n");
        LogSettings s = node.settings();
        assertEquals(5, s.current().keep());
        assertEquals(3, s.current().syslog().facility());
        assertEquals(2, s.issues().size());
    }

    @Test
    void collectorUrlForms() {
        assertEquals(URI.create("https://col.example:443/feed/default/call/xmlrpc"),
                CollectorConfig.endpoint("col.example"));
        assertEquals(URI.create("http://col.example:80/feed/default/call/xmlrpc"),
                CollectorConfig.endpoint("http://col.example"));
        assertEquals(URI.create("https://10.0.0.1:8443/init/default/call/xmlrpc"),
                CollectorConfig.endpoint("https://10.0.0.1:8443/init/"));
    }

    @Test
    void collectorOnWhenDbopensvcSet() throws Exception {
        TestNode node = new TestNode(root, "n1");
        node.nodeConf("[node]\ndbopensvc = http://127.0.0.1:9999\nuuid = abc\n");
        CollectorConfig c = node.settings().current().collector();
        assertEquals(URI.create("http://127.0.0.1:9999/feed/default/call/xmlrpc"), c.endpoint());
        assertEquals("abc", c.uuid());
        assertEquals("n1", c.nodename());
    }

    @Test
    void rereadAtMostOncePerInterval() throws Exception {
        TestNode node = new TestNode(root, "n1");
        AtomicLong now = new AtomicLong();
        LogSettings s = new LogSettings(node.etc(), "n1", TestNode::parse, Duration.ofSeconds(1), now::get);
        assertNull(s.current().syslog());
        node.nodeConf("[syslog]\n");
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertNull(s.current().syslog());
        now.addAndGet(Duration.ofMillis(600).toNanos());
        assertNotNull(s.current().syslog());
    }
}
