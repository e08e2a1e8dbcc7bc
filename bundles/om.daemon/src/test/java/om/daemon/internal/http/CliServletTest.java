package om.daemon.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import om.api.cli.CommandRunner;
import om.api.cli.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/cli} in a real Jetty over TLS, driven by a raw HTTP/1.1 client: the bridge session of the Unix
 * socket, both ways at once over one exchange (the request body streams the client's frames while the response
 * body streams the command's output).
 */
class CliServletTest {
    static final String SECRET = NodeApiTest.SECRET;

    @TempDir
    Path tmp;
    TestNode n1;
    final List<Invocation> seen = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
    final CountDownLatch waiting = new CountDownLatch(1);

    final CommandRunner runner = inv -> {
        seen.add(inv);
        switch (inv.args().get(0)) {
            case "echo" -> {
                inv.out().println(String.join(" ", inv.args().subList(1, inv.args().size())));
                return 0;
            }
            case "fail" -> {
                inv.err().println("error: it failed");
                return 3;
            }
            case "cat" -> {
                try {
                    inv.in().transferTo(inv.out());
                } catch (IOException e) {
                    inv.err().println("error: " + e.getMessage());
                    return 1;
                }
                return 0;
            }
            default -> {
                // "wait": runs until cancelled, as mon --watch or a long action does
                CountDownLatch done = new CountDownLatch(1);
                inv.cancel().onCancel(done::countDown);
                waiting.countDown();
                try {
                    done.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cancelled.add(String.valueOf(inv.cancel().reason()));
                inv.err().println("error: " + inv.cancel().reason());
                return 130;
            }
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        n1 = new TestNode(tmp.resolve("n1"), "n1");
        n1.commands = runner;
        n1.start();
        Files.writeString(n1.root.resolve("etc/cluster.conf"), "[cluster]\nname = c1\nnodes = n1 n2\nsecret = "
                + SECRET + "\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        n1.close();
    }

    /** A raw client: the HTTP head, then chunks of frames; the reply read as it comes. */
    final class Exchange implements AutoCloseable {
        final SSLSocket socket;
        final OutputStream out;
        final DataInputStream in;
        int status;
        String contentType = "";

        Exchange(String user, String password, String type) throws Exception {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new NodeApiTest.AnyCertificate()}, null);
            socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", n1.port);
            socket.setSoTimeout(20_000);
            out = socket.getOutputStream();
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            String auth = user == null ? "" : "Authorization: Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n";
            out.write(("POST /api/cli HTTP/1.1\r\nHost: 127.0.0.1:" + n1.port + "\r\n" + auth + "Content-Type: "
                    + type + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void frame(char type, String text) throws IOException {
            byte[] p = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(type);
            f.write(new byte[] {(byte) (p.length >>> 24), (byte) (p.length >>> 16), (byte) (p.length >>> 8),
                (byte) p.length});
            f.write(p);
            out.write((Integer.toHexString(f.size()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            f.writeTo(out);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void request(String... args) throws IOException {
            frame('V', "1");
            for (String a : args) {
                frame('A', a);
            }
            frame('F', "stdin");
            frame('G', "");
        }

        /** Status line and headers. */
        void head() throws IOException {
            String line = line();
            status = Integer.parseInt(line.split(" ")[1]);
            while (!(line = line()).isEmpty()) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                }
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        /** The response body as it comes, chunk by chunk, until the last chunk: the frames' bytes. */
        private byte[] pending = new byte[0];
        private int pos;

        private int next() throws IOException {
            while (pos >= pending.length) {
                // the CRLF that ends a chunk's data comes with the next chunk (Jetty sends it so): skip it there
                String size = line().strip();
                if (size.isEmpty()) {
                    size = line().strip();
                }
                int n = Integer.parseInt(size.split(";")[0], 16);
                if (n == 0) {
                    return -1;
                }
                pending = in.readNBytes(n);
                pos = 0;
            }
            return pending[pos++] & 0xff;
        }

        /** The next reply frame as "T:payload", null at the end of the body. */
        String reply() throws IOException {
            int type = next();
            if (type < 0) {
                return null;
            }
            int len = 0;
            for (int i = 0; i < 4; i++) {
                len = (len << 8) | next();
            }
            byte[] p = new byte[len];
            for (int i = 0; i < len; i++) {
                p[i] = (byte) next();
            }
            return (char) type + ":" + new String(p, StandardCharsets.UTF_8);
        }

        List<String> repliesUntilExit() throws IOException {
            List<String> r = new ArrayList<>();
            String f;
            while ((f = reply()) != null) {
                r.add(f);
                if (f.startsWith("X:")) {
                    break;
                }
            }
            return r;
        }

        String body() throws IOException {
            return new String(in.readNBytes(in.available()), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    Exchange exchange() throws Exception {
        return new Exchange("n2", SECRET, CliServlet.MEDIA_TYPE);
    }

    @Test
    void aCommandRunsWithItsOutputAndExitCodeStreamedBack() throws Exception {
        try (Exchange x = exchange()) {
            x.request("echo", "hello", "world");
            x.head();
            assertEquals(200, x.status);
            assertEquals(CliServlet.MEDIA_TYPE, x.contentType);
            assertEquals(List.of("K:", "O:hello world\n", "X:0"), x.repliesUntilExit());
        }
        try (Exchange x = exchange()) {
            x.request("fail");
            x.head();
            assertEquals(List.of("K:", "E:error: it failed\n", "X:3"), x.repliesUntilExit());
        }
        // the daemon's install root when the client sends no cwd (a remote client's folder means nothing here)
        assertEquals(n1.root, seen.get(0).cwd());
    }

    @Test
    void stdinIsPulledOverTheOpenExchange() throws Exception {
        try (Exchange x = exchange()) {
            x.request("cat");
            x.head();
            assertEquals("K:", x.reply());
            assertEquals("R:65536", x.reply());
            x.frame('I', "[app#1]\n");
            assertEquals("O:[app#1]\n", x.reply());
            assertEquals("R:65536", x.reply());
            x.frame('D', "");
            assertEquals("X:0", x.reply());
        }
    }

    @Test
    void aForwardedSignalCancelsTheCommandWhichStillSendsItsExitCode() throws Exception {
        try (Exchange x = exchange()) {
            x.request("wait");
            x.head();
            assertEquals("K:", x.reply());
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            // a keep-alive frame (unknown to the command) changes nothing
            x.frame('P', "");
            x.frame('S', "INT");
            assertEquals(List.of("E:error: interrupted\n", "X:130"), x.repliesUntilExit());
        }
        assertEquals("interrupted", cancelled.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatLeavesCancelsItsCommand() throws Exception {
        Exchange x = exchange();
        x.request("wait", "--watch");
        x.head();
        assertEquals("K:", x.reply());
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        x.close();
        assertEquals("client disconnected", cancelled.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void keepAlivesHoldASilentSessionAndTheirAbsenceEndsIt() throws Exception {
        n1.stop();
        n1.idleTimeoutMillis = 1500;
        n1.start();
        Exchange x = exchange();
        x.request("wait", "--watch");
        x.head();
        assertEquals("K:", x.reply());
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        // a silent mon --watch for longer than the idle timeout, its client there
        for (int i = 0; i < 8; i++) {
            Thread.sleep(500);
            x.frame('P', "");
        }
        assertEquals(null, cancelled.poll(0, TimeUnit.SECONDS), "still running");
        // a client that is gone without a word (no FIN: a cut network): the idle timeout ends it
        assertEquals("client disconnected", cancelled.poll(10, TimeUnit.SECONDS));
        x.close();
    }

    @Test
    void withoutTheNodeCredentialsNothingRuns() throws Exception {
        for (String[] who : new String[][] {{null, null}, {"n2", "wrong"}, {"n9", SECRET}}) {
            try (Exchange x = new Exchange(who[0], who[1], CliServlet.MEDIA_TYPE)) {
                try {
                    x.request("echo", "no");
                } catch (java.net.SocketException e) {
                    // the 401 came, and the connection closed, before the request was all written: read it
                }
                x.head();
                assertEquals(401, x.status);
            }
        }
        assertEquals(List.of(), seen);
    }

    @Test
    void anotherBodyTypeIs415() throws Exception {
        try (Exchange x = new Exchange("n2", SECRET, "application/json")) {
            x.request("echo", "no");
            x.head();
            assertEquals(415, x.status);
            assertTrue(x.contentType.startsWith("application/json"), x.contentType);
        }
        assertEquals(List.of(), seen);
    }

    @Test
    void aSessionIsNotRelayedToAPeer() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(anyCertificate()).build();
        java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("https://127.0.0.1:" + n1.port + "/api/node/name/n2/cli"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("n2:" + SECRET)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", CliServlet.MEDIA_TYPE)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        NodeApiTest.assertError(501, "a command session is not relayed: reach n2 itself (om --server https://n2)",
                r);
        assertNotNull(r.body());
    }

    static SSLContext anyCertificate() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new NodeApiTest.AnyCertificate()}, null);
        return ssl;
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
