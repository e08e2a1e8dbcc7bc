package om.log.internal.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.internal.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogSinkTest {
    private static final Pattern RFC5424 = Pattern.compile(
            "<(\\d+)>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (.*)", Pattern.DOTALL);

    @TempDir
    Path root;

    private static String receive(DatagramSocket server) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        server.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void udpRfc5424FieldsAndMinimumLevel() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            TestNode node = new TestNode(root, "n1");
            node.nodeConf("[syslog]\nhost = 127.0.0.1\nport = " + server.getLocalPort() + "\n");
            SyslogSink sink = new SyslogSink(node.settings(), Clock.system(ZoneId.of("Europe/Paris")));
            try {
                Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                sink.accept(new LogEvent(at, Level.DEBUG, "n1", "web1", "app#0", "start", "too low"));
                sink.accept(new LogEvent(at, Level.INFO, "n1", "web1", "app#0", "start", "hello"));
                sink.accept(new LogEvent(at, Level.ERROR, "n1", "ns1/svc/db", null, "stop", "bad", "s1", null, true,
                        null));

                Matcher m = RFC5424.matcher(receive(server));
                assertTrue(m.matches(), m.toString());
                assertEquals("30", m.group(1), "daemon(3)*8 + info(6)");
                assertEquals(at, OffsetDateTime.parse(m.group(2)).toInstant());
                assertEquals(ZoneId.of("Europe/Paris").getRules().getOffset(at), OffsetDateTime.parse(m.group(2)).getOffset());
                assertEquals("n1", m.group(3));
                assertEquals("om", m.group(4));
                assertEquals(Long.toString(ProcessHandle.current().pid()), m.group(5));
                assertEquals("-", m.group(6));
                assertEquals("-", m.group(7));
                assertEquals("n:n1 o:web1 r:app#0 sc:n | hello", m.group(8));

                Matcher e = RFC5424.matcher(receive(server));
                assertTrue(e.matches());
                assertEquals("27", e.group(1), "daemon(3)*8 + err(3)");
                assertEquals("sid:s1 n:n1 o:ns1/svc/db sc:y | bad", e.group(8));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (sink.health().written() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(2, sink.health().written());
                assertTrue(sink.health().enabled());
            } finally {
                sink.close();
            }
        }
    }

    @Test
    void rfc3164OptionAndFacilityFromNodeConf() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            TestNode node = new TestNode(root, "n1");
            node.nodeConf("[syslog]\nhost = 127.0.0.1\nport = " + server.getLocalPort()
                    + "\nformat = rfc3164\nfacility = local0\nlevel = warning\n");
            SyslogSink sink = new SyslogSink(node.settings(), Clock.systemDefaultZone());
            try {
                sink.accept(new LogEvent(Instant.now(), Level.INFO, "n1", "web1", null, "start", "filtered"));
                sink.accept(new LogEvent(Instant.now(), Level.WARN, "n1", "web1", null, "start", "careful"));
                String msg = receive(server);
                assertTrue(msg.matches("<132>[A-Z][a-z]{2} [ 1-3]\\d \\d{2}:\\d{2}:\\d{2} n1 om\\[\\d+\\]: "
                        + "n:n1 o:web1 sc:n \\| careful"), msg);
            } finally {
                sink.close();
            }
        }
    }

    @Test
    void offWithoutSyslogSectionAndUnreachableDestinationIsCounted() throws Exception {
        TestNode node = new TestNode(root, "n1");
        SyslogSink sink = new SyslogSink(node.settings(), Clock.systemDefaultZone());
        try {
            sink.accept(new LogEvent(Instant.now(), Level.ERROR, "n1", "web1", null, "start", "x"));
            assertEquals(0, sink.health().pending());
            assertTrue(!sink.health().enabled());
            node.nodeConf("[syslog]\nsocket = " + root.resolve("nosuch.sock") + "\n");
            sink.accept(new LogEvent(Instant.now(), Level.ERROR, "n1", "web1", null, "start", "x"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sink.health().errors() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, sink.health().errors());
            assertTrue(sink.health().lastError().contains("no syslog socket"), sink.health().lastError());
        } finally {
            sink.close();
        }
    }

    /** A datagram Unix socket like /dev/log, served by python3 since Java 17 cannot bind one. */
    @Test
    void localDatagramSocketThroughLogger() throws Exception {
        Path sock = root.resolve("log.sock");
        Process server;
        try {
            server = new ProcessBuilder("python3", "-c", String.join("\n",
                    "import socket,sys",
                    "s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
                    "s.bind(sys.argv[1])",
                    "print('ready', flush=True)",
                    "s.settimeout(20)",
                    "print(s.recv(65536).decode(), flush=True)"), sock.toString()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "python3 not installed");
            return;
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        assumeTrue("ready".equals(ready) && Files.exists(sock), "python3 could not bind a datagram socket");
        assumeTrue(new ProcessBuilder("logger", "--version").start().waitFor() == 0, "no util-linux logger");
        TestNode node = new TestNode(root, "n1");
        node.nodeConf("[syslog]\nsocket = " + sock + "\n");
        SyslogSink sink = new SyslogSink(node.settings(), Clock.systemDefaultZone());
        try {
            sink.accept(new LogEvent(Instant.now(), Level.WARN, "n1", "web1", null, "start", "via dev log"));
            String got = out.readLine();
            assertTrue(got != null && got.startsWith("<28>1 ") && got.contains(" om ")
                    && got.endsWith("n:n1 o:web1 sc:n | via dev log"), String.valueOf(got));
        } finally {
            sink.close();
            server.destroy();
        }
    }
}
