package om.daemon.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCertificateTest {
    @TempDir
    Path tmp;

    @Test
    void theNamesAreTheNodeLocalhostTheLoopbackTheListenerAndTheHostAddresses() throws Exception {
        Set<String> names = NodeCertificate.names("n1", "10.0.0.5", List.of(InetAddress.getByName("192.168.1.2"),
                InetAddress.getByName("fe80::1"), InetAddress.getByName("2001:db8::7")));
        assertEquals(new TreeSet<>(List.of("dns:n1", "dns:localhost", "ip:127.0.0.1", "ip:0:0:0:0:0:0:0:1",
                "ip:10.0.0.5", "ip:192.168.1.2", "ip:2001:db8:0:0:0:0:0:7")), names, "no link-local address");
        assertEquals(Set.of("dns:n1", "dns:localhost", "ip:127.0.0.1", "ip:0:0:0:0:0:0:0:1"),
                NodeCertificate.names("n1", "0.0.0.0", List.of()), "every address is no name");
    }

    @Test
    void madeOncePrivateAndSignedAgainWithTheSameKeyForANewName() throws Exception {
        Path certs = tmp.resolve("var/certs");
        Set<String> names = NodeCertificate.names("n1", "127.0.0.1", List.of());
        NodeCertificate.Store first = NodeCertificate.ensure(certs, "n1", names);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(certs)));
        for (String f : List.of(NodeCertificate.KEYSTORE, NodeCertificate.PASSWORD)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve(f))),
                    f);
        }
        X509Certificate c1 = NodeCertificate.read(first.keystore(), first.password());
        assertEquals("CN=n1, O=om", c1.getSubjectX500Principal().getName().replace(",", ", "));
        assertTrue(NodeCertificate.namesOf(c1).containsAll(names));
        long size = Files.size(first.keystore());
        assertEquals(first, NodeCertificate.ensure(certs, "n1", names), "nothing to do: the same store");
        assertEquals(size, Files.size(first.keystore()));

        Set<String> more = new TreeSet<>(names);
        more.add("ip:10.9.8.7");
        NodeCertificate.Store second = NodeCertificate.ensure(certs, "n1", more);
        X509Certificate c2 = NodeCertificate.read(second.keystore(), second.password());
        assertTrue(NodeCertificate.namesOf(c2).contains("ip:10.9.8.7"));
        assertEquals(c1.getPublicKey(), c2.getPublicKey(), "the same key: peers' pins still hold");
        assertEquals(first.certificate(), second.certificate(), "the fingerprint is the key's");
        assertNotEquals(c1.getSerialNumber(), c2.getSerialNumber(), "a new certificate");
        assertEquals(first.password(), second.password());
        List<String> leftovers = new ArrayList<>();
        try (var s = Files.list(certs)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).forEach(leftovers::add);
        }
        assertEquals(List.of(), leftovers, "no temporary left");
    }

    @Test
    void aPinnedKeyIsTrustedAnyOtherRefused() throws Exception {
        NodeCertificate.Store a = NodeCertificate.ensure(tmp.resolve("a"), "n2", Set.of("dns:n2"));
        NodeCertificate.Store b = NodeCertificate.ensure(tmp.resolve("b"), "n2", Set.of("dns:n2"));
        X509Certificate ca = NodeCertificate.read(a.keystore(), a.password());
        X509Certificate cb = NodeCertificate.read(b.keystore(), b.password());
        Path pin = tmp.resolve("peers/n2");
        List<String> lines = new ArrayList<>();
        PinningTrustManager tm = new PinningTrustManager("n2", pin, lines::add);
        tm.checkServerTrusted(new X509Certificate[] {ca}, "EC");
        assertEquals(PinningTrustManager.fingerprint(ca), Files.readString(pin).strip(), "pinned on first use");
        assertEquals(1, lines.size());
        tm.checkServerTrusted(new X509Certificate[] {ca}, "EC");
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(new X509Certificate[] {cb}, "EC"));
        assertEquals("the certificate of n2 (public key sha256 " + PinningTrustManager.fingerprint(cb)
                + ") is not the one pinned in " + pin + " (remove that file to trust the new one)", e.getMessage());
        assertThrows(CertificateException.class, () -> tm.checkClientTrusted(new X509Certificate[] {ca}, "EC"));
    }
}
