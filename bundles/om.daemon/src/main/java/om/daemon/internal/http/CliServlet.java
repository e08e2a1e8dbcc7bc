package om.daemon.internal.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import om.daemon.internal.bridge.BridgeLink;
import om.daemon.internal.bridge.BridgeSessions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /api/cli}: the bridge of the Unix socket over the node API, for {@code om --server}. The request
 * body is the client's frames (the request up to {@code G}, then stdin answers, signals and keep-alives, streamed:
 * chunked), the response body the daemon's frames ({@code K}, output, {@code X}, streamed as produced): one
 * full-duplex HTTP/1.1 exchange runs one command line, through the bridge's own session handling
 * ({@link BridgeSessions}), so a remote command behaves as a local one. Authenticated like every request of the
 * context (a node of {@code cluster.nodes} and {@code cluster.secret}).
 */
@Component(service = Servlet.class, property = {Whiteboard.SELECT, Whiteboard.PATTERN + CliServlet.PATH})
public final class CliServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;
    static final String PATH = "/api/cli";
    /** Bridge frames (om.launcher's PROTOCOL.md), both ways. */
    static final String MEDIA_TYPE = "application/vnd.om.bridge";

    private final transient BridgeSessions bridge;

    @Activate
    public CliServlet(@Reference BridgeSessions bridge) {
        this.bridge = bridge;
    }

    @Override
    protected Map<String, Handler> routes() {
        return Map.of("POST", this::post);
    }

    private void post(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String type = req.getContentType();
        if (type == null || !type.split(";", 2)[0].strip().equalsIgnoreCase(MEDIA_TYPE)) {
            throw new ApiException(415, "the body of POST " + PATH + " is bridge frames (Content-Type: "
                    + MEDIA_TYPE + ")");
        }
        resp.setStatus(200);
        resp.setContentType(MEDIA_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        bridge.serve(new ExchangeLink(req.getInputStream(), resp.getOutputStream()));
    }

    /**
     * One exchange as a bridge link. Closing does nothing: the exchange ends when this request returns (Jetty then
     * ends the body), and a client that goes silent is ended by the server's idle timeout, the keep-alive frames of
     * a live client keep it from firing.
     */
    private record ExchangeLink(ServletInputStream in, ServletOutputStream out) implements BridgeLink {
        @Override
        public void endOutput() throws IOException {
            out.close();
        }

        @Override
        public void close() {
            // see above
        }
    }
}
