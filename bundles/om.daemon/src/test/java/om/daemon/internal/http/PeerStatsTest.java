package om.daemon.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import om.api.daemon.DaemonStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code om mon --stats} across nodes: n1 asks its peers' {@code GET /api/daemon/stats} over the real node API
 * (TLS, basic authentication) in parallel; a peer that never answers is left out after the timeout.
 */
class PeerStatsTest {
    @TempDir
    Path tmp;
    TestNode n1;
    TestNode n2;
    ServerSocket silent;
    final List<Socket> held = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : held) {
            s.close();
        }
        if (silent != null) {
            silent.close();
        }
        n1.close();
        n2.close();
    }

    private void conf(String nodes, String ports) throws Exception {
        String conf = "[cluster]\nname = c1\nnodes = " + nodes + "\nsecret = " + NodeApiTest.SECRET
                + "\n\n[listener]\naddr = 127.0.0.1\n" + ports;
        for (TestNode n : List.of(n1, n2)) {
            Files.writeString(n.root.resolve("etc/cluster.conf"), conf);
        }
    }

    @Test
    void peersFiguresThroughTheirNodeApi() throws Exception {
        n1 = new TestNode(tmp.resolve("n1"), "n1").start();
        n2 = new TestNode(tmp.resolve("n2"), "n2").start();
        // n3 accepts connections and never says a word (a hung daemon)
        silent = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (java.io.IOException e) {
                // closed
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        conf("n1 n2 n3", "port@n1 = " + n1.port + "\nport@n2 = " + n2.port + "\nport@n3 = " + silent.getLocalPort()
                + "\n");
        Instant at = Instant.parse("2026-12-01T10:00:00.123Z");
        DaemonStats figures = new DaemonStats("n2", at, Map.of("monitor", new DaemonStats.Usage(0, 1200, 0)),
                Map.of("ns1/svc/web", new DaemonStats.Usage(3, 4500, 52_428_800)));
        n2.stats = figures;

        PeerStatsClient client = new PeerStatsClient(n1.peers);
        long start = System.nanoTime();
        Map<String, DaemonStats> got = client.fetch(List.of("n2", "n3", "n9"), Duration.ofSeconds(2));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Map.of("n2", figures), got, "n2's figures as it measured them; n3 silent, n9 no peer");
        assertTrue(ms < 3000, "bounded by the timeout, peers asked in parallel: took " + ms + " ms");
    }

    /** A peer that answers with another node's name is not taken for it; a wrong secret gets nothing. */
    @Test
    void onlyTheNodesOwnAuthenticatedFigures() throws Exception {
        n1 = new TestNode(tmp.resolve("n1"), "n1").start();
        n2 = new TestNode(tmp.resolve("n2"), "n2").start();
        conf("n1 n2", "port@n1 = " + n1.port + "\nport@n2 = " + n2.port + "\n");
        n2.stats = new DaemonStats("n7", Instant.EPOCH, Map.of(), Map.of());
        PeerStatsClient client = new PeerStatsClient(n1.peers);
        assertEquals(Map.of(), client.fetch(List.of("n2"), Duration.ofSeconds(2)));
        n2.stats = new DaemonStats("n2", Instant.EPOCH, Map.of(), Map.of());
        assertEquals(List.of("n2"), List.copyOf(client.fetch(List.of("n2"), Duration.ofSeconds(2)).keySet()));
        String other = Files.readString(n2.root.resolve("etc/cluster.conf"))
                .replace(NodeApiTest.SECRET, "0123456789abcdef0123456789abcdef");
        Files.writeString(n2.root.resolve("etc/cluster.conf"), other);
        assertEquals(Map.of(), client.fetch(List.of("n2"), Duration.ofSeconds(2)), "401: nothing");
    }
}
