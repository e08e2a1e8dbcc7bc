package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import om.itests.Serial;

/**
 * Issue 9, Tests, fifth item: the node API over TLS on listener port 1215, asked with curl from inside the lab:
 * 401 (with the spec's JSON error body) without credentials or with wrong ones, the dataset with a node's
 * credentials, and a request for {@code /api/node/name/n2/...} sent to n1 relayed to n2.
 */
@ResourceLock(Serial.LAB)
class NodeApiE2EIT {
    private static Lab lab;
    private static String secret;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.up(2, "--fast");
        secret = lab.secret();
        lab.awaitFormed(Duration.ofSeconds(30));
        // the listener opens at the daemon's last start level, after the bridge answers
        for (String n : lab.nodes()) {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lab.exec(n, "curl", "-sk", "-o", "/dev/null", "--max-time", "5",
                    "https://" + Lab.addr(n, 1) + ":1215/").exit() == 7 && System.nanoTime() < end) {
                Thread.sleep(500);
            }
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private record Reply(int code, String body) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(body);
        }
    }

    /** curl from node `from` to `to`'s listener; user null for no credentials. The certificate is self-signed. */
    private static Reply get(String from, String to, String path, String user, String password) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-k", "--max-time", "10", "-w", "\n%{http_code}"));
        if (user != null) {
            cmd.addAll(List.of("-u", user + ":" + password));
        }
        cmd.add("https://" + Lab.addr(to, 1) + ":1215" + path);
        Lab.Result r = lab.exec(from, cmd.toArray(String[]::new));
        assertEquals(0, r.exit(), "curl " + path + ": " + r);
        int nl = r.out().lastIndexOf('\n');
        return new Reply(Integer.parseInt(r.out().substring(nl + 1).trim()), r.out().substring(0, Math.max(nl, 0)));
    }

    @Test
    void withoutOrWithWrongCredentials401WithANodesCredentialsTheDataset() throws Exception {
        for (String[] creds : new String[][] {{null, null}, {"n1", "wrong"}, {"n1", secret + "x"},
                {"intruder", secret}, {"n1", ""}}) {
            Reply r = get("n1", "n2", "/api/daemon/status", creds[0], creds[1]);
            assertEquals(401, r.code(), "credentials " + creds[0] + ":" + creds[1] + " -> " + r);
            JsonNode err = r.json();
            assertEquals(401, err.path("status").asInt(), r.body());
            assertTrue(!err.path("title").asText().isEmpty() && !err.path("detail").asText().isEmpty(), r.body());
            assertTrue(!r.body().contains("Exception") && !r.body().contains("\tat "), r.body());
        }
        Reply ok = get("n1", "n2", "/api/daemon/status", "n1", secret);
        assertEquals(200, ok.code(), ok.body());
        JsonNode doc = ok.json();
        assertEquals(lab.prefix, doc.path("cluster").path("name").asText(), ok.body());
        assertTrue(doc.path("monitor").path("nodes").has("n2"), ok.body());
        // the daemon logs refusals (at most one line a minute per address)
        String log = logs("n2");
        assertTrue(log.contains("refused a request from " + Lab.addr("n1", 1)), "n2 logged the refusals:\n"
                + tail(log));
    }

    @Test
    void aRequestForN2SentToN1IsRelayedToN2() throws Exception {
        Path cfg = Files.createTempFile(Path.of("target", "labs").toAbsolutePath(), "cfg", ".conf");
        Files.writeString(cfg, "[DEFAULT]\nnodes = n2\norchestrate = no\n\n[app#0]\ntype = simple\n"
                + "start = /bin/sleep 1005\n");
        Lab.Result c = lab.om("n2", "api1", "create", "--config", cfg.toString());
        assertEquals(0, c.exit(), c.toString());
        String file = Files.readString(lab.root("n2").resolve("etc/api1.conf"));
        // api1 lives on n2 only: n1 has no file to serve, only the relay to n2 can answer
        Reply local = get("n1", "n1", "/api/object/path/root/svc/api1/config/file", "n1", secret);
        assertEquals(404, local.code(), local.body());
        Reply r = get("n1", "n1", "/api/node/name/n2/object/path/root/svc/api1/config/file", "n1", secret);
        assertEquals(200, r.code(), r.body());
        assertEquals(file, r.body());
        // the dataset of n2 through n1: n2's own listen address on hb#1
        r = get("n1", "n1", "/api/node/name/n2/daemon/status", "n1", secret);
        assertEquals(200, r.code(), r.body());
        assertEquals(Lab.addr("n2", 1), r.json().path("hb#1.rx").path("config").path("addr").asText(), r.body());
        // without credentials nothing is relayed: n1 refuses first
        Reply anon = get("n1", "n1", "/api/node/name/n2/object/path/root/svc/api1/config/file", null, null);
        assertEquals(401, anon.code(), anon.body());
    }

    private static String logs(String node) throws Exception {
        StringBuilder b = new StringBuilder();
        try (var s = Files.walk(lab.root(node).resolve("log"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                b.append(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return b.toString();
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
