package om.daemon.internal.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import om.api.Installation;
import om.api.OmException;
import om.api.node.NodeSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/node/name/<node>/<rest>}: what {@code /api/<rest>} answers on that node. For this node it is served
 * here (dispatched within the context); for a peer it is relayed to the peer's TLS listener with this node's
 * credentials ({@link PeerClient}), and the peer's status, type and body come back as they are. A peer that is
 * not in {@code cluster.nodes} is a 404; an unreachable one a 502; a relayed request that would be relayed again
 * (the peer does not call itself by the name we do) a 508.
 */
@Component(service = Servlet.class, property = {Whiteboard.SELECT, Whiteboard.PATTERN + "/api/node/name/*"})
public final class RelayServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final transient PeerClient peers;
    private final transient NodeSettings settings;
    private final String self;

    @Activate
    public RelayServlet(@Reference PeerClient peers, @Reference NodeSettings settings,
                        @Reference Installation installation) {
        this.peers = peers;
        this.settings = settings;
        this.self = installation.nodename();
    }

    /** The node and the rest ({@code /daemon/status}) of a path info {@code /<node>/<rest>}. */
    record Target(String node, String rest) {
        static Target of(String pathInfo) {
            if (pathInfo == null || pathInfo.length() < 2) {
                return null;
            }
            int slash = pathInfo.indexOf('/', 1);
            String node = slash < 0 ? pathInfo.substring(1) : pathInfo.substring(1, slash);
            String rest = slash < 0 ? "" : pathInfo.substring(slash);
            return node.isEmpty() ? null : new Target(node, rest);
        }
    }

    @Override
    protected Map<String, Handler> routes() {
        return Map.of("GET", this::relay, "POST", this::relay);
    }

    private void relay(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Target t = Target.of(req.getPathInfo());
        if (t == null || t.rest().isEmpty() || t.rest().equals("/")) {
            throw notFound(req);
        }
        if (t.node().equals(self)) {
            local(t, req, resp);
            return;
        }
        if (!settings.current().clusterNodes().contains(t.node())) {
            throw new ApiException(404, "unknown node " + om.api.Quote.of(t.node()) + ": not in cluster.nodes");
        }
        if (t.rest().equals("/cli") || t.rest().startsWith("/cli/")) {
            // a command session streams both ways for as long as it runs: a buffered relay cannot carry it
            throw new ApiException(501, "a command session is not relayed: reach " + t.node()
                    + " itself (om --server https://" + t.node() + ")");
        }
        String relayedBy = req.getHeader(PeerClient.RELAYED_HEADER);
        if (relayedBy != null) {
            throw new ApiException(508, "relay loop: a request relayed by " + om.api.Quote.of(relayedBy)
                    + " for " + om.api.Quote.of(t.node()) + " reached " + self);
        }
        byte[] body = null;
        if (req.getMethod().equals("POST")) {
            try (InputStream in = req.getInputStream()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                throw new ApiException(413, "request body larger than " + MAX_BODY + " bytes");
            }
        }
        String uri = req.getRequestURI();
        String query = req.getQueryString();
        PeerClient.Reply r;
        try {
            r = peers.send(t.node(), req.getMethod(), uri + (query == null ? "" : "?" + query),
                    req.getContentType(), body, Map.of(PeerClient.RELAYED_HEADER, self));
        } catch (OmException e) {
            throw new ApiException(502, e.getMessage());
        }
        resp.setStatus(r.status());
        if (r.contentType() != null) {
            resp.setContentType(r.contentType());
        }
        r.omHeaders().forEach(resp::setHeader);
        resp.setContentLength(r.body().length);
        resp.getOutputStream().write(r.body());
    }

    /** This node's own /api/<rest>, served by the servlet that answers it. */
    private void local(Target t, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String query = req.getQueryString();
        RequestDispatcher d = req.getServletContext().getRequestDispatcher("/api" + t.rest()
                + (query == null ? "" : "?" + query));
        if (d == null) {
            throw notFound(req);
        }
        try {
            d.forward(req, resp);
        } catch (ServletException e) {
            throw new ApiException(500, e.getMessage());
        }
    }
}
