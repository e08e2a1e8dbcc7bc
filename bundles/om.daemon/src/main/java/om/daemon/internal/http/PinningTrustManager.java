package om.daemon.internal.http;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import om.api.io.AtomicFile;

/**
 * Trust on first use of one peer's self-signed certificate: the SHA-256 of the public key (SubjectPublicKeyInfo)
 * of the first certificate it shows is pinned in {@code var/certs/peers/<node>}; afterwards only a certificate of
 * that key is accepted (a man in the middle after the first contact is refused, and so is a peer that made a new
 * key: remove the pin file to accept it; a peer that re-signed its certificate with the same key for more names
 * is still trusted). The host name is not checked: the peer is known by its pin, not by a name in its certificate.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
    private final String node;
    private final Path pinFile;
    private final Consumer<String> log;

    private final String fixed;

    PinningTrustManager(String node, Path pinFile, Consumer<String> log) {
        this.node = node;
        this.pinFile = pinFile;
        this.log = log;
        this.fixed = null;
    }

    /** Trusts only the key of that fingerprint (this node's own, for its probe of its listener). */
    PinningTrustManager(String node, String fingerprint) {
        this.node = node;
        this.pinFile = null;
        this.log = line -> { };
        this.fixed = fingerprint;
    }

    /** SHA-256 of the certificate's public key (SubjectPublicKeyInfo), hex. */
    static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    cert.getPublicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException(node + " showed no certificate");
        }
        chain[0].checkValidity();
        String fp = fingerprint(chain[0]);
        if (fixed != null) {
            if (!fixed.equalsIgnoreCase(fp)) {
                throw new CertificateException(node + " showed another key (sha256 " + fp + ")");
            }
            return;
        }
        String pinned;
        try {
            pinned = Files.readString(pinFile, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            pinned = null;
        } catch (IOException e) {
            throw new CertificateException("cannot read " + pinFile + ": " + e.getMessage());
        }
        if (pinned == null || pinned.isEmpty()) {
            try {
                if (!Files.isDirectory(pinFile.getParent())) {
                    Files.createDirectories(pinFile.getParent(), java.nio.file.attribute.PosixFilePermissions
                            .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
                }
                AtomicFile.write(pinFile, (fp + "\n").getBytes(StandardCharsets.UTF_8), AtomicFile.PRIVATE);
            } catch (IOException e) {
                throw new CertificateException("cannot pin the certificate of " + node + " in " + pinFile + ": "
                        + e.getMessage());
            }
            log.accept("listener: pinned the certificate of " + node + " (public key sha256 " + fp + ") in " + pinFile);
            return;
        }
        if (!pinned.equalsIgnoreCase(fp)) {
            throw new CertificateException("the certificate of " + node + " (public key sha256 " + fp
                    + ") is not the one pinned in " + pinFile + " (remove that file to trust the new one)");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("not a server trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("not a server trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a server trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
