package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RemoteLinkTest {
    @Test
    void theDetailOfTheJsonErrorBodyIsOneLine() {
        assertEquals("no such endpoint: /api/cli", RemoteLink.detail(
                "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no such endpoint: /api/cli\"}"));
        assertEquals("a \"quoted\" path\\x é", RemoteLink.detail(
                "{\"detail\" : \"a \\\"quoted\\\" path\\\\x \\u00e9\"}"));
        assertEquals("two lines", RemoteLink.detail("{\"detail\":\"two\\nlines\"}").replace("  ", " "));
        assertEquals("bell?", RemoteLink.detail("{\"detail\":\"bell\u0007\"}"));
        assertNull(RemoteLink.detail("<html>not json</html>"));
    }

    @Test
    void reasonsAreReadable() {
        assertEquals("connection refused", RemoteLink.reason(new ConnectException("Connection refused")));
        assertEquals("unknown host", RemoteLink.reason(new UnknownHostException("n9")));
        assertEquals("no answer within 3s", RemoteLink.reason(new SocketTimeoutException("Connect timed out")));
        assertEquals("TLS handshake failed: no cipher suites in common", RemoteLink.reason(
                new SSLHandshakeException("no cipher suites in common")));
    }
}
