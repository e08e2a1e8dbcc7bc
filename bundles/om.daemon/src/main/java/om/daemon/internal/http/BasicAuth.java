package om.daemon.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * HTTP basic authentication of the node API (section 6): the user is a node of {@code cluster.nodes}, the
 * password {@code cluster.secret}. Pure, so that every refusal is tested without a server.
 */
final class BasicAuth {
    /** The outcome: the authenticated node, or why not (a line for node.log, never shown to the client). */
    record Verdict(String node, String refusal) {
        boolean ok() {
            return node != null;
        }
    }

    private BasicAuth() {
    }

    static Verdict check(String authorization, List<String> nodes, String secret) {
        if (authorization == null || authorization.isBlank()) {
            return refused("no credentials");
        }
        String h = authorization.strip();
        if (h.length() < 6 || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return refused("not basic authentication");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return refused("malformed basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return refused("malformed basic credentials");
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        // the secret is compared in constant time whatever the user, so a wrong user and a wrong password take
        // the same time; an empty secret (not generated yet) admits nobody
        boolean secretOk = !secret.isEmpty() && MessageDigest.isEqual(
                password.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
        if (!nodes.contains(user)) {
            return refused("user " + printable(user) + " is not a cluster node");
        }
        if (!secretOk) {
            return refused("wrong password for node " + printable(user));
        }
        return new Verdict(user, null);
    }

    private static Verdict refused(String why) {
        return new Verdict(null, why);
    }

    private static String printable(String s) {
        return om.api.Quote.of(s);
    }
}
