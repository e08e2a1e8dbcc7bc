package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trust decision of {@code om --server}, from the keys this node knows. */
class ServerTrustTest {
    static final Path CERTS = Path.of("/srv/om/var/certs");
    static final ServerTarget N2 = new ServerTarget("10.77.1.2", 1215);
    static final String K2 = "aa".repeat(32);
    static final String K3 = "bb".repeat(32);
    static final String OWN = "cc".repeat(32);
    static final String OTHER = "dd".repeat(32);

    static ServerTrust.Decision decide(String fp, String certNode, Map<String, String> peers, String targetPin) {
        return ServerTrust.decide(fp, certNode, OWN, peers, targetPin, N2, CERTS);
    }

    @Test
    void aKeyThisNodeKnowsIsTrusted() {
        // pinned by this node's daemon, whatever node the URL names
        assertInstanceOf(ServerTrust.Trusted.class, decide(K2, "n2", Map.of("n2", K2, "n3", K3), null));
        assertInstanceOf(ServerTrust.Trusted.class, decide(K3, "n3", Map.of("n2", K2, "n3", K3), null));
        assertInstanceOf(ServerTrust.Trusted.class, decide(K2.toUpperCase(), "n2", Map.of("n2", K2), null));
        // its own key (om --server https://localhost)
        assertInstanceOf(ServerTrust.Trusted.class, decide(OWN, "n1", Map.of(), null));
        // the client's own pin of that address
        assertInstanceOf(ServerTrust.Trusted.class, decide(K2, "n2", Map.of(), K2));
    }

    @Test
    void aChangedKeyIsRefusedWithWhatToRemove() {
        assertEquals(new ServerTrust.Refused("the certificate of https://10.77.1.2:1215 (public key sha256 " + OTHER
                + ") is not the one pinned in /srv/om/var/certs/servers/10.77.1.2_1215 (remove that file to trust "
                + "the new one)"), decide(OTHER, "n2", Map.of(), K2));
        // no pin of that address yet, but the certificate names a node this node's daemon pinned with another key
        assertEquals(new ServerTrust.Refused("the certificate of https://10.77.1.2:1215 names node n2 but its key "
                + "(public key sha256 " + OTHER + ") is not the one pinned for n2 in /srv/om/var/certs/peers/n2 "
                + "(remove that file to trust the new one)"), decide(OTHER, "n2", Map.of("n2", K2), null));
    }

    @Test
    void anUnknownKeyOfAnUnknownNodeIsTheFirstUse() {
        assertInstanceOf(ServerTrust.FirstUse.class, decide(OTHER, "n4", Map.of("n2", K2), null));
        assertInstanceOf(ServerTrust.FirstUse.class, decide(OTHER, null, Map.of(), null));
        assertInstanceOf(ServerTrust.FirstUse.class, ServerTrust.decide(OTHER, "n2", null, Map.of(), null, N2,
                CERTS));
    }
}
