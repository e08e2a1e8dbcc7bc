package om.daemon.internal.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import om.api.daemon.DaemonStatsSource;
import om.api.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/daemon/stats}: this node's {@link om.api.daemon.DaemonStats} (its daemon threads, its objects'
 * processes), measured now, in the om JSON mapper's form; the peers' {@code om mon --stats} ask it
 * ({@link PeerStatsClient}).
 */
@Component(service = Servlet.class, property = {Whiteboard.SELECT, Whiteboard.PATTERN + "/api/daemon/stats"})
public final class StatsServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient DaemonStatsSource stats;

    @Activate
    public StatsServlet(@Reference DaemonStatsSource stats) {
        this.stats = stats;
    }

    @Override
    protected Map<String, Handler> routes() {
        return Map.of("GET", this::get);
    }

    private void get(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        sendJson(resp, Json.mapper().writeValueAsString(stats.local()));
    }
}
