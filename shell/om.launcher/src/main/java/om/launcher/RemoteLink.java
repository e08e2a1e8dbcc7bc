package om.launcher;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The bridge over the node API, for {@code om --server}: one {@code POST /api/cli} over TLS whose request body
 * carries the client's frames and whose response body carries the daemon's, both streamed (chunked) for as long as
 * the command runs. HTTP/1.1 is written by hand on an {@link SSLSocket}: the JDK's HttpClient sends a request body
 * whole before it reads the response, and this exchange needs both ways at once (stdin asked for, signals).
 */
final class RemoteLink implements BridgeClient.Link {
    static final String PATH = "/api/cli";
    static final String MEDIA_TYPE = "application/vnd.om.bridge";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** What of a refusal's body is read: the JSON error body is one line. */
    static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The target could not be reached (worth a retry for {@code mon --watch}). */
    static final class UnreachableException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message) {
            super(message);
        }
    }

    private final ServerTarget target;
    private final String node;
    private final SSLSocket socket;
    private final Chunked.Out out;
    private final InputStream raw;
    private final InputStream in;
    private InputStream body;

    private RemoteLink(ServerTarget target, String node, SSLSocket socket) throws IOException {
        this.target = target;
        this.node = node;
        this.socket = socket;
        this.out = new Chunked.Out(new BufferedOutputStream(socket.getOutputStream()));
        this.raw = new BufferedInputStream(socket.getInputStream());
        this.in = new InputStream() {
            @Override
            public int read() throws IOException {
                return body().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return body().read(b, off, len);
            }
        };
    }

    /**
     * Connects, shakes hands (the certificate checked by {@code trust}, a first-use pin written and said on
     * {@code notes}) and sends the request head; the frames follow on {@link #out()}.
     *
     * @throws UnreachableException no connection, or no TLS over it
     * @throws BridgeClient.RefusedException a certificate this client does not trust, or a pin it cannot write
     */
    static RemoteLink open(ServerTarget target, NodeCredentials.Credentials credentials, ServerTrust trust,
                           java.io.PrintStream notes) throws IOException {
        SSLSocket ssl;
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(target.host(), target.port()), (int) CONNECT_TIMEOUT.toMillis());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, target.host(), target.port(), true);
            SSLParameters p = ssl.getSSLParameters();
            // no SNI: the node's one certificate is what it shows anyway, and the key is what is trusted
            p.setServerNames(List.of());
            p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            ssl.setSSLParameters(p);
            ssl.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
            ssl.startHandshake();
            ssl.setSoTimeout(0);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            closeQuietly(plain);
            if (trust.decision() instanceof ServerTrust.Refused r) {
                throw new BridgeClient.RefusedException(r.line());
            }
            throw new UnreachableException("cannot reach " + target + ": " + reason(e));
        }
        try {
            String line = trust.commit();
            if (line != null) {
                notes.println(line);
            }
        } catch (IOException e) {
            closeQuietly(ssl);
            throw new BridgeClient.RefusedException("cannot pin the certificate of " + target + " in "
                    + trust.pinFile() + ": " + e.getMessage());
        }
        X509Certificate cert = (X509Certificate) ssl.getSession().getPeerCertificates()[0];
        RemoteLink link = new RemoteLink(target, credentials.node(), ssl);
        String auth = Base64.getEncoder().encodeToString((credentials.node() + ":" + credentials.secret())
                .getBytes(StandardCharsets.UTF_8));
        String head = "POST " + PATH + " HTTP/1.1\r\n"
                + "Host: " + ServerTrust.hostHeader(target, cert) + "\r\n"
                + "Authorization: Basic " + auth + "\r\n"
                + "Content-Type: " + MEDIA_TYPE + "\r\n"
                + "Accept: " + MEDIA_TYPE + ", application/json\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "\r\n";
        try {
            OutputStream o = ssl.getOutputStream();
            o.write(head.getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
        } catch (IOException e) {
            link.close();
            throw new UnreachableException("cannot reach " + target + ": " + reason(e));
        }
        return link;
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    /** Closing the socket ends the exchange; the server reads it as the client's hang-up (after {@code X}, nothing). */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    /** The response body, once its head said it is a session; a refusal becomes its one line. */
    private synchronized InputStream body() throws IOException {
        if (body == null) {
            body = readHead();
        }
        return body;
    }

    private InputStream readHead() throws IOException {
        String status = Chunked.line(raw);
        String[] parts = status.split(" ", 3);
        int code;
        try {
            code = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (code < 0) {
            throw new BridgeClient.RefusedException(target + " does not speak HTTP: '" + printable(status) + "'");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String line;
        while (!(line = Chunked.line(raw)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        InputStream content = content(headers);
        String type = headers.getOrDefault("Content-Type", "").split(";", 2)[0].strip();
        if (code == 200 && type.equalsIgnoreCase(MEDIA_TYPE)) {
            return content;
        }
        String detail = detail(new String(content.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8));
        if (code == 401) {
            throw new BridgeClient.RefusedException(target + " refused the node credentials of " + node
                    + " (a node of its cluster.nodes and its cluster.secret)");
        }
        if (code == 200) {
            throw new BridgeClient.RefusedException(target + " did not answer with a command session (Content-Type "
                    + printable(type) + ")");
        }
        throw new BridgeClient.RefusedException(target + ": " + (detail != null ? detail : "HTTP " + code));
    }

    private InputStream content(Map<String, String> headers) {
        if (headers.getOrDefault("Transfer-Encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Chunked.In(raw);
        }
        String length = headers.get("Content-Length");
        if (length != null) {
            try {
                long n = Long.parseLong(length.strip());
                return new BoundedInputStream(raw, n);
            } catch (NumberFormatException e) {
                // read to the end
            }
        }
        return raw;
    }

    /** The {@code detail} of the spec's JSON error body, unescaped, or null. */
    static String detail(String json) {
        Matcher m = DETAIL.matcher(json);
        if (!m.find()) {
            return null;
        }
        String s = m.group(1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append(' ');
                case 't' -> b.append(' ');
                case 'r' -> b.append(' ');
                case 'b', 'f' -> { }
                case 'u' -> {
                    if (i + 4 < s.length()) {
                        try {
                            b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException x) {
                            b.append('?');
                        }
                    }
                }
                default -> b.append(e);
            }
        }
        return printable(b.toString());
    }

    /** One line of printable characters, bounded. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(300).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    /** A readable reason for a failed connection or handshake. */
    static String reason(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof SocketTimeoutException) {
                return "no answer within " + CONNECT_TIMEOUT.toSeconds() + "s";
            }
            if (c instanceof EOFException) {
                return "the connection closed during the TLS handshake";
            }
        }
        if (e instanceof SSLException) {
            return "TLS handshake failed: " + e.getMessage();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closed already
        }
    }

    /** At most {@code left} bytes of a stream (a Content-Length body). */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                left--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
