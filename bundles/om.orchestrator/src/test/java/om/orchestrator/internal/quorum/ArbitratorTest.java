package om.orchestrator.internal.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arbitrator checks of orchestration.md section 7, against real local listeners. */
class ArbitratorTest {
    private static final Duration T = Duration.ofMillis(500);
    @TempDir
    Path dir;

    private static Arbitrator at(String uri, boolean insecure) {
        return new Arbitrator("arbitrator#1", Arbitrator.hostOf(uri), uri, 1, insecure);
    }

    /** A port nothing listens on (bound then closed). */
    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void hostPortIsReachableWhileATcpListenerAccepts() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertTrue(at("127.0.0.1:" + s.getLocalPort(), false).reachable(T));
        }
        assertFalse(at("127.0.0.1:" + freePort(), false).reachable(T));
    }

    @Test
    void anyHttpAnswerIsAVoteEvenAnError() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertTrue(at("http://127.0.0.1:" + port + "/health", false).reachable(T));
        } finally {
            server.stop(0);
        }
        assertFalse(at("http://127.0.0.1:" + freePort() + "/", false).reachable(T));
    }

    @Test
    void anHttpServerThatNeverAnswersIsDownWithinTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        try {
            long t0 = System.nanoTime();
            assertFalse(at("http://127.0.0.1:" + server.getAddress().getPort() + "/", false)
                    .reachable(Duration.ofMillis(300)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 1500, "took " + ms + " ms");
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void httpsWithASelfSignedCertificateCountsOnlyWhenInsecure() throws Exception {
        Path ks = dir.resolve("arb.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "arb", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", "secret", "-keypass", "secret")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "secret".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            String uri = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
            Duration t = Duration.ofSeconds(3);
            // the certificate is nobody's: checked, it is refused; insecure, any answer is a vote (and the name
            // 127.0.0.1 does not match CN=localhost either)
            assertFalse(at(uri, false).reachable(t));
            assertTrue(at(uri, true).reachable(t));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void namesAreTheUriHost() {
        assertEquals("a1.example", Arbitrator.hostOf("https://a1.example:8443/check"));
        assertEquals("a2", Arbitrator.hostOf("a2:1215"));
        assertEquals("::1", Arbitrator.hostOf("[::1]:1215"));
    }
}
