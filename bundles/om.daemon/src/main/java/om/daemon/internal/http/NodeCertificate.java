package om.daemon.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import om.api.OmException;
import om.api.io.AtomicFile;

/**
 * The node's TLS identity: a self-signed certificate (EC P-256, CN = node name, 10 years) in a PKCS12 key store
 * {@code var/certs/node.p12}, its password in {@code var/certs/node.p12.pass}, both 0600 in a 0700 folder,
 * generated once at the first start (a cluster CA later). The JDK has no public API to make a certificate, so
 * {@code keytool} of the running JDK makes it into a temporary file, which is then installed atomically.
 */
final class NodeCertificate {
    static final String KEYSTORE = "node.p12";
    static final String PASSWORD = "node.p12.pass";
    static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final String PASS_ENV = "OM_KEYSTORE_PASS";

    record Store(Path keystore, String password) {
    }

    private NodeCertificate() {
    }

    /** The key store, made first when missing (or when its password file is). */
    static Store ensure(Path certs, String node) {
        Path ks = certs.resolve(KEYSTORE);
        Path pass = certs.resolve(PASSWORD);
        try {
            if (!Files.isDirectory(certs)) {
                Files.createDirectories(certs, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            if (Files.isRegularFile(ks) && Files.isRegularFile(pass)) {
                String pw = Files.readString(pass, StandardCharsets.UTF_8).strip();
                if (!pw.isEmpty()) {
                    return new Store(ks, pw);
                }
            }
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String pw = HexFormat.of().formatHex(random);
            Path tmp = certs.resolve(".node.p12." + ProcessHandle.current().pid() + ".keytool");
            Files.deleteIfExists(tmp);
            try {
                keytool(tmp, pw, node);
                byte[] store = Files.readAllBytes(tmp);
                // the password first: a key store is never there without the password that opens it
                AtomicFile.write(pass, (pw + "\n").getBytes(StandardCharsets.UTF_8), AtomicFile.PRIVATE);
                AtomicFile.write(ks, store, AtomicFile.PRIVATE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new Store(ks, pw);
        } catch (IOException e) {
            throw new OmException("cannot make the node certificate in " + certs + ": " + e.getMessage());
        }
    }

    private static void keytool(Path out, String pw, String node) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String cn = node.replaceAll("[^A-Za-z0-9._-]", "_");
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", "om", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650",
                "-dname", "CN=" + cn + ",O=om", "-ext", "SAN=dns:" + cn,
                "-storetype", "PKCS12", "-keystore", out.toString(), "-storepass:env", PASS_ENV, "-keypass:env", PASS_ENV,
                "-noprompt");
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
        if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
            String why = new String(output, StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElse("");
            throw new IOException("keytool exited with " + p.exitValue() + (why.isEmpty() ? "" : ": " + why));
        }
    }
}
