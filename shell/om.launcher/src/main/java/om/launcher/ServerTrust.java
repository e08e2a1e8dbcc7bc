package om.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Whether {@code om --server} trusts the certificate of its target. The node certificates are self-signed (no CA
 * yet), so trust is a pin of the public key, as between daemons, and is decided in this order:
 * <ol>
 * <li>a key this node knows already is trusted: its own ({@code var/certs/node.p12}) or one its daemon pinned for a
 * cluster node ({@code var/certs/peers/<node>});</li>
 * <li>else the client's own pin for that address ({@code var/certs/servers/<host>_<port>}): trusted when it is
 * that key, refused when it is another (a changed key is never trusted silently: remove the file);</li>
 * <li>else a certificate naming a node whose daemon pin holds another key is refused the same way;</li>
 * <li>else it is the first use: the key is pinned in {@code var/certs/servers/<host>_<port>} (said on stderr),
 * once the handshake is over.</li>
 * </ol>
 * The host name is not checked against the certificate: the key is what is trusted.
 */
final class ServerTrust extends X509ExtendedTrustManager {
    /** The outcome for one certificate. */
    sealed interface Decision {
    }

    record Trusted() implements Decision {
    }

    record FirstUse() implements Decision {
    }

    record Refused(String line) implements Decision {
    }

    private static final Pattern CN = Pattern.compile("(?:^|,)\\s*CN=([^,]+)", Pattern.CASE_INSENSITIVE);

    private final ServerTarget target;
    private final Path certs;
    private volatile String fingerprint;
    private volatile Decision decision;

    /** @param certs this node's {@code var/certs} */
    ServerTrust(ServerTarget target, Path certs) {
        this.target = target;
        this.certs = certs;
    }

    Path pinFile() {
        return certs.resolve("servers").resolve(target.pinName());
    }

    /** The pure decision: {@code peerPins} maps a node to the key its daemon pinned, {@code targetPin} may be null. */
    static Decision decide(String fp, String certNode, String ownKey, Map<String, String> peerPins, String targetPin,
                           ServerTarget target, Path certs) {
        if (fp.equalsIgnoreCase(ownKey == null ? "" : ownKey)
                || peerPins.values().stream().anyMatch(fp::equalsIgnoreCase)) {
            return new Trusted();
        }
        Path pin = certs.resolve("servers").resolve(target.pinName());
        if (targetPin != null) {
            return targetPin.equalsIgnoreCase(fp) ? new Trusted() : new Refused("the certificate of " + target
                    + " (public key sha256 " + fp + ") is not the one pinned in " + pin
                    + " (remove that file to trust the new one)");
        }
        if (certNode != null && peerPins.containsKey(certNode)) {
            return new Refused("the certificate of " + target + " names node " + certNode + " but its key (public "
                    + "key sha256 " + fp + ") is not the one pinned for " + certNode + " in "
                    + certs.resolve("peers").resolve(certNode) + " (remove that file to trust the new one)");
        }
        return new FirstUse();
    }

    void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw refuse(new Refused(target + " showed no certificate"));
        }
        chain[0].checkValidity();
        String fp = fingerprint(chain[0]);
        String pinned = read(pinFile());
        if (pinned == null && Files.exists(pinFile())) {
            throw refuse(new Refused("cannot read " + pinFile() + ": the pin of " + target));
        }
        Decision d = decide(fp, nodeOf(chain[0]), ownKey(certs), peerPins(certs.resolve("peers")), pinned,
                target, certs);
        fingerprint = fp;
        decision = d;
        if (d instanceof Refused r) {
            throw refuse(r);
        }
    }

    private static CertificateException refuse(Refused r) {
        return new CertificateException(r.line());
    }

    /** What the handshake decided, null before it. */
    Decision decision() {
        return decision;
    }

    /**
     * After a handshake on first use: pins the key (atomically, 0600 in a 0700 folder).
     *
     * @return the line to tell the operator, or null when nothing was pinned
     * @throws IOException when the pin cannot be written (the key is then not trusted)
     */
    String commit() throws IOException {
        if (!(decision instanceof FirstUse)) {
            return null;
        }
        Path file = pinFile();
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, fingerprint + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return "warning: first use of " + target + ": pinned its certificate (public key sha256 " + fingerprint
                + ") in " + file;
    }

    /** SHA-256 of the certificate's public key (SubjectPublicKeyInfo), hex: what the daemons pin too. */
    static String fingerprint(Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    cert.getPublicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node a certificate names (its CN: the node certificates have CN = node name), or null. */
    static String nodeOf(X509Certificate cert) {
        Matcher m = CN.matcher(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
        return m.find() ? m.group(1).strip().toLowerCase(Locale.ROOT) : null;
    }

    /**
     * The Host header to send: the target's own when the certificate names it, else the node the certificate
     * names. Jetty refuses a request whose host its certificate does not name ({@code 400 Invalid SNI}), and an
     * alias or a NAT address the node does not know of is still that node: its key is what is trusted.
     */
    static String hostHeader(ServerTarget target, X509Certificate cert) {
        String node = nodeOf(cert);
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (node == null || names == null || names.stream().anyMatch(n -> names(target, n))) {
                return target.authority();
            }
        } catch (CertificateParsingException e) {
            return target.authority();
        }
        return new ServerTarget(node, target.port()).authority();
    }

    private static boolean names(ServerTarget target, List<?> name) {
        int type = (Integer) name.get(0);
        String value = String.valueOf(name.get(1));
        if (type == 2) {
            return value.equalsIgnoreCase(target.host());
        }
        if (type == 7 && target.isAddress()) {
            try {
                return InetAddress.getByName(value).equals(InetAddress.getByName(target.host()));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** The key of this node's own certificate, or null when it has none (or it cannot be read). */
    static String ownKey(Path certs) {
        Path store = certs.resolve("node.p12");
        String password = read(certs.resolve("node.p12.pass"));
        if (password == null || !Files.isRegularFile(store)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            for (Enumeration<String> aliases = ks.aliases(); aliases.hasMoreElements(); ) {
                Certificate c = ks.getCertificate(aliases.nextElement());
                if (c != null) {
                    return fingerprint(c);
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            // not a key this node can vouch for
        }
        return null;
    }

    /** The daemon's pins: {@code var/certs/peers/<node>} holding a key's hex SHA-256. */
    static Map<String, String> peerPins(Path dir) {
        Map<String, String> pins = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return pins;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).forEach(f -> {
                String fp = read(f);
                if (fp != null && !fp.isEmpty()) {
                    pins.put(f.getFileName().toString(), fp);
                }
            });
        } catch (IOException e) {
            // no pins readable: nothing known
        }
        return pins;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("not a server trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
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
