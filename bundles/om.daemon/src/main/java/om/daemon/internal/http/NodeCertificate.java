package om.daemon.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import om.api.OmException;
import om.api.io.AtomicFile;

/**
 * The node's TLS identity: a self-signed certificate (EC P-256, CN = node name) in a PKCS12 key store
 * {@code var/certs/node.p12}, its password in {@code var/certs/node.p12.pass}, both 0600 in a 0700 folder, made
 * at the first start (a cluster CA later). Jetty answers 400 "Invalid SNI" to a request whose host is not named
 * by the certificate, so it names the node, {@code localhost}, the loopback addresses, {@code listener.addr} and
 * the host's addresses; when one of those is not named any more (a new address), the certificate is signed again
 * with the same key, so peers, which pin the key ({@link PinningTrustManager}), keep trusting it. The JDK has no
 * public API to make a certificate: {@code keytool} of the running JDK does it, on a temporary copy installed
 * atomically.
 */
final class NodeCertificate {
    static final String KEYSTORE = "node.p12";
    static final String PASSWORD = "node.p12.pass";
    static final String ALIAS = "om";
    static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final String PASS_ENV = "OM_KEYSTORE_PASS";

    /** The key store, its password and the fingerprint of its certificate (changes when it is re-signed). */
    record Store(Path keystore, String password, String certificate) {
    }

    private NodeCertificate() {
    }

    /** The names the certificate must carry: {@code dns:<name>} or {@code ip:<address>}, sorted. */
    static Set<String> names(String node, String listenerAddr, Collection<InetAddress> addresses) {
        Set<String> out = new TreeSet<>();
        out.add("dns:" + dnsName(node));
        out.add("dns:localhost");
        out.add("ip:127.0.0.1");
        out.add("ip:0:0:0:0:0:0:0:1");
        if (listenerAddr != null && !ListenerConfig.isWildcard(listenerAddr)) {
            out.add(literal(listenerAddr) ? "ip:" + ip(listenerAddr) : "dns:" + dnsName(listenerAddr));
        }
        for (InetAddress a : addresses) {
            if (!a.isLinkLocalAddress() && !a.isMulticastAddress()) {
                out.add("ip:" + a.getHostAddress().replaceAll("%.*$", ""));
            }
        }
        return out;
    }

    /** The host's interface addresses now (none when they cannot be listed). */
    static List<InetAddress> hostAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            Enumeration<NetworkInterface> ifs = NetworkInterface.getNetworkInterfaces();
            while (ifs != null && ifs.hasMoreElements()) {
                NetworkInterface i = ifs.nextElement();
                if (i.isUp()) {
                    out.addAll(java.util.Collections.list(i.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            // the node name and the loopback addresses still are in the certificate
        }
        return out;
    }

    /** The key store with a certificate naming at least {@code names}: made, or re-signed, when needed. */
    static Store ensure(Path certs, String node, Set<String> names) {
        Path ks = certs.resolve(KEYSTORE);
        Path pass = certs.resolve(PASSWORD);
        try {
            if (!Files.isDirectory(certs)) {
                Files.createDirectories(certs, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            String pw = Files.isRegularFile(pass) ? Files.readString(pass, StandardCharsets.UTF_8).strip() : "";
            X509Certificate cert = pw.isEmpty() || !Files.isRegularFile(ks) ? null : read(ks, pw);
            if (cert != null) {
                Set<String> have = namesOf(cert);
                if (have.containsAll(names)) {
                    return new Store(ks, pw, PinningTrustManager.fingerprint(cert));
                }
                Set<String> all = new TreeSet<>(have);
                all.addAll(names);
                return install(certs, ks, pass, pw, node, all, false);
            }
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            return install(certs, ks, pass, HexFormat.of().formatHex(random), node, names, true);
        } catch (IOException | GeneralSecurityException e) {
            throw new OmException("cannot make the node certificate in " + certs + ": " + e.getMessage());
        }
    }

    private static Store install(Path certs, Path ks, Path pass, String pw, String node, Set<String> names,
                                 boolean fresh) throws IOException, GeneralSecurityException {
        Path tmp = certs.resolve(".node.p12." + ProcessHandle.current().pid() + ".keytool");
        Files.deleteIfExists(tmp);
        try {
            if (!fresh) {
                Files.copy(ks, tmp);
            }
            keytool(tmp, pw, node, names, fresh);
            byte[] store = Files.readAllBytes(tmp);
            if (fresh) {
                // the password first: a key store is never there without the password that opens it
                AtomicFile.write(pass, (pw + "\n").getBytes(StandardCharsets.UTF_8), AtomicFile.PRIVATE);
            }
            AtomicFile.write(ks, store, AtomicFile.PRIVATE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Store(ks, pw, PinningTrustManager.fingerprint(read(ks, pw)));
    }

    static X509Certificate read(Path ks, String pw) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, pw.toCharArray());
        }
        if (!(store.getCertificate(ALIAS) instanceof X509Certificate c)) {
            throw new GeneralSecurityException(ks + " has no certificate " + ALIAS);
        }
        return c;
    }

    static Set<String> namesOf(X509Certificate cert) throws GeneralSecurityException {
        Set<String> out = new LinkedHashSet<>();
        Collection<List<?>> alt = cert.getSubjectAlternativeNames();
        if (alt != null) {
            for (List<?> n : alt) {
                int type = ((Number) n.get(0)).intValue();
                if (type == 2) {
                    out.add("dns:" + n.get(1));
                } else if (type == 7) {
                    out.add("ip:" + ip(n.get(1).toString()));
                }
            }
        }
        return out;
    }

    private static boolean literal(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    private static String ip(String literal) {
        try {
            String s = literal.startsWith("[") ? literal.substring(1, literal.length() - 1) : literal;
            InetAddress a = InetAddress.getByName(s);
            return a instanceof Inet6Address ? a.getHostAddress().replaceAll("%.*$", "") : a.getHostAddress();
        } catch (IOException e) {
            return literal;
        }
    }

    private static String dnsName(String name) {
        return name.replaceAll("[^A-Za-z0-9.-]", "-").toLowerCase(java.util.Locale.ROOT);
    }

    private static void keytool(Path store, String pw, String node, Set<String> names, boolean fresh)
            throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String san = "SAN=" + String.join(",", names);
        List<String> cmd = new ArrayList<>(List.of(keytool.toString()));
        if (fresh) {
            cmd.addAll(List.of("-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-keypass:env", PASS_ENV));
        } else {
            cmd.add("-selfcert");
        }
        cmd.addAll(List.of("-alias", ALIAS, "-sigalg", "SHA256withECDSA", "-validity", "3650",
                "-dname", "CN=" + dnsName(node) + ",O=om", "-ext", san,
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass:env", PASS_ENV, "-noprompt"));
        // the password through the environment, not the command line that every user's ps shows
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put(PASS_ENV, pw);
        Process p = pb.start();
        byte[] output;
        try {
            output = p.getInputStream().readNBytes(8192);
            if (!p.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(store)) {
            String why = new String(output, StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElse("");
            throw new IOException("keytool exited with " + p.exitValue() + (why.isEmpty() ? "" : ": " + why));
        }
    }
}
