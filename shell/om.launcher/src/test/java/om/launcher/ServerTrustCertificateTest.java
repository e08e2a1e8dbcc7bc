package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust manager of {@code om --server} on real self-signed node certificates (made by the JDK's keytool). */
class ServerTrustCertificateTest {
    static final String PASS = "changeit";
    @TempDir
    static Path keys;
    static X509Certificate n2;
    static X509Certificate n2Again;
    static Path n2Store;

    @TempDir
    Path root;

    static Path keytool(String name, String cn, String san) throws Exception {
        Path store = keys.resolve(name + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-ext", "SAN=" + san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASS).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return store;
    }

    static X509Certificate cert(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASS.toCharArray());
        }
        return (X509Certificate) ks.getCertificate("node");
    }

    @BeforeAll
    static void certificates() throws Exception {
        n2Store = keytool("n2", "n2", "dns:n2,dns:localhost,ip:10.77.1.2");
        n2 = cert(n2Store);
        // n2 after its var/certs was removed: a new key, the same names
        n2Again = cert(keytool("n2-new", "n2", "dns:n2,ip:10.77.1.2"));
    }

    ServerTrust trust(String url) {
        return new ServerTrust(ServerTarget.parse(url), root.resolve("var/certs"));
    }

    @Test
    void theFirstUsePinsTheKeyForThatAddressAndTrustsItAfterwards() throws Exception {
        ServerTrust first = trust("https://10.77.1.2");
        first.check(new X509Certificate[] {n2});
        assertInstanceOf(ServerTrust.FirstUse.class, first.decision());
        String line = first.commit();
        Path pin = root.resolve("var/certs/servers/10.77.1.2_1215");
        assertEquals("warning: first use of https://10.77.1.2:1215: pinned its certificate (public key sha256 "
                + ServerTrust.fingerprint(n2) + ") in " + pin, line);
        assertEquals(ServerTrust.fingerprint(n2) + "\n", Files.readString(pin));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pin)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pin.getParent())));

        ServerTrust again = trust("https://10.77.1.2:1215");
        again.check(new X509Certificate[] {n2});
        assertInstanceOf(ServerTrust.Trusted.class, again.decision());
        assertNull(again.commit(), "nothing more to pin");

        ServerTrust changed = trust("https://10.77.1.2");
        CertificateException e = assertThrows(CertificateException.class,
                () -> changed.check(new X509Certificate[] {n2Again}));
        assertEquals("the certificate of https://10.77.1.2:1215 (public key sha256 " + ServerTrust.fingerprint(n2Again)
                + ") is not the one pinned in " + pin + " (remove that file to trust the new one)", e.getMessage());
        assertEquals(ServerTrust.fingerprint(n2) + "\n", Files.readString(pin), "the pin is kept");
    }

    @Test
    void theDaemonsPinsAndItsOwnKeyAreTrustedWithoutAPinOfTheirOwn() throws Exception {
        Path peers = Files.createDirectories(root.resolve("var/certs/peers"));
        Files.writeString(peers.resolve("n2"), ServerTrust.fingerprint(n2) + "\n");
        ServerTrust t = trust("https://n2");
        t.check(new X509Certificate[] {n2});
        assertInstanceOf(ServerTrust.Trusted.class, t.decision());
        assertNull(t.commit());
        assertTrue(!Files.exists(root.resolve("var/certs/servers")), "no pin of the client's");
        // the daemon's pin of n2 says another key: refused even on the client's first use of that address
        ServerTrust other = trust("https://10.77.1.2");
        assertThrows(CertificateException.class, () -> other.check(new X509Certificate[] {n2Again}));
        assertInstanceOf(ServerTrust.Refused.class, other.decision());

        // this node's own certificate (om --server https://localhost on n2)
        Path own = Files.createDirectories(root.resolve("own/certs"));
        Files.copy(n2Store, own.resolve("node.p12"));
        Files.writeString(own.resolve("node.p12.pass"), PASS + "\n");
        assertEquals(ServerTrust.fingerprint(n2), ServerTrust.ownKey(own));
        ServerTrust local = new ServerTrust(ServerTarget.parse("https://localhost"), own);
        local.check(new X509Certificate[] {n2});
        assertInstanceOf(ServerTrust.Trusted.class, local.decision());
    }

    @Test
    void theHostHeaderIsANameTheCertificateHas() {
        assertEquals("n2", ServerTrust.nodeOf(n2));
        assertEquals("10.77.1.2:1215", ServerTrust.hostHeader(ServerTarget.parse("https://10.77.1.2"), n2));
        // as written when the certificate names it (names compare case-insensitively)
        assertEquals("N2:1216", ServerTrust.hostHeader(ServerTarget.parse("https://N2:1216"), n2));
        // an alias, or an address the node does not know it has (NAT): the node the certificate names
        assertEquals("n2:1215", ServerTrust.hostHeader(ServerTarget.parse("https://db-primary.example"), n2));
        assertEquals("n2:1215", ServerTrust.hostHeader(ServerTarget.parse("https://192.0.2.7"), n2));
    }
}
