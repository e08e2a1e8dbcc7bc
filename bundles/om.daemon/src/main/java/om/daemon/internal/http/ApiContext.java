package om.daemon.internal.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import om.api.Installation;
import om.api.action.ActionLog;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.daemon.internal.control.NodeLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.context.ServletContextHelper;

/**
 * The node API's servlet context, at {@code /} and ranked above the whiteboard's default context: every request
 * is authenticated here before any servlet sees it (HTTP basic, user = a node of {@code cluster.nodes}, password
 * = {@code cluster.secret}, read at each request so a new secret applies at once). A refusal is a 401 with the
 * JSON error body and, rate-limited per address, a node.log line.
 */
@Component(service = ServletContextHelper.class, property = {Whiteboard.CONTEXT_NAME, Whiteboard.CONTEXT_PATH,
        "service.ranking:Integer=100"})
public final class ApiContext extends ServletContextHelper {
    /** Request attribute: the authenticated node. */
    static final String NODE_ATTRIBUTE = "om.node";
    /** The path of the daemon's probe of its own listener, answered 204 by the security check itself. */
    static final String PROBE = "/api/listener/probe";

    private final NodeSettings settings;
    private final NodeLog nodeLog;
    private final RefusalLog refusals = new RefusalLog(System::nanoTime);

    @Activate
    public ApiContext(@Reference NodeSettings settings, @Reference Installation installation) {
        this.settings = settings;
        this.nodeLog = new NodeLog(null, Clock.systemUTC(), installation.nodename());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(om.log=multiplexer)", unbind = "unbindLog")
    void bindLog(ActionLog log) {
        nodeLog.bind(log);
    }

    void unbindLog(ActionLog log) {
        nodeLog.unbind(log);
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JettyErrors.install(request);
        NodeConfig c = settings.current();
        BasicAuth.Verdict v = BasicAuth.check(request.getHeader("Authorization"), c.clusterNodes(), c.secret());
        if (v.ok() && PROBE.equals(request.getRequestURI())) {
            // the daemon's own probe of its listener (HttpConfigurator): answered here, at once. On a loaded node
            // the prober may have given up waiting (its 2 s timeout): the write then fails, which is no error
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            try {
                response.flushBuffer();
            } catch (IOException e) {
                // the prober left
            }
            return false;
        }
        if (v.ok()) {
            request.setAttribute(NODE_ATTRIBUTE, v.node());
            return true;
        }
        String line = refusals.refused(request.getRemoteAddr(), v.refusal() + " (" + request.getMethod() + " "
                + om.api.Quote.line(request.getRequestURI(), 200) + ")");
        if (line != null) {
            nodeLog.warning(line);
        }
        ApiError.of(401, "authentication required: a cluster node name and the cluster secret").send(response);
        response.flushBuffer();
        return false;
    }
}
