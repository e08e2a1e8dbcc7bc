package om.daemon.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasicAuthTest {
    static final List<String> NODES = List.of("n1", "n2");
    static final String SECRET = "6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c";

    static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNodeWithTheSecretIsAdmitted() {
        BasicAuth.Verdict v = BasicAuth.check(basic("n2:" + SECRET), NODES, SECRET);
        assertTrue(v.ok());
        assertEquals("n2", v.node());
        assertNull(v.refusal());
        assertTrue(BasicAuth.check("basic  " + basic("n1:" + SECRET).substring(6), NODES, SECRET).ok(),
                "the scheme is case-insensitive");
    }

    @Test
    void everythingElseIsRefusedWithItsReason() {
        assertEquals("no credentials", BasicAuth.check(null, NODES, SECRET).refusal());
        assertEquals("no credentials", BasicAuth.check(" ", NODES, SECRET).refusal());
        assertEquals("not basic authentication", BasicAuth.check("Bearer abc", NODES, SECRET).refusal());
        assertEquals("malformed basic credentials", BasicAuth.check("Basic %%%", NODES, SECRET).refusal());
        assertEquals("malformed basic credentials", BasicAuth.check(basic("n1"), NODES, SECRET).refusal());
        assertEquals("user 'n3' is not a cluster node", BasicAuth.check(basic("n3:" + SECRET), NODES, SECRET)
                .refusal());
        assertEquals("wrong password for node 'n1'", BasicAuth.check(basic("n1:x" + SECRET), NODES, SECRET)
                .refusal());
        assertEquals("wrong password for node 'n1'", BasicAuth.check(basic("n1:" + SECRET.substring(1)), NODES,
                SECRET).refusal(), "a prefix of the secret is not the secret");
        assertEquals("user '\\n' is not a cluster node", BasicAuth.check(basic("\n:" + SECRET), NODES, SECRET)
                .refusal(), "what the client sent is escaped for the log");
    }

    @Test
    void anEmptySecretAdmitsNobody() {
        assertFalse(BasicAuth.check(basic("n1:"), NODES, "").ok());
    }
}
