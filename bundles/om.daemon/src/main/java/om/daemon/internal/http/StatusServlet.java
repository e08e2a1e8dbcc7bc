package om.daemon.internal.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.cli.DaemonControl;
import om.api.cluster.ClusterView;
import om.api.daemon.DaemonStatus;
import om.api.json.DatasetJson;
import om.api.select.ObjectSelector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code GET /api/daemon/status[?selector=]}: the dataset (status.md section 8) as {@code om daemon status
 * --format json} writes it, limited to the selected objects when a selector is given. The merged cluster view
 * when there is one, else the local daemon status.
 */
@Component(service = Servlet.class, property = {Whiteboard.SELECT, Whiteboard.PATTERN + "/api/daemon/status"})
public final class StatusServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient DaemonControl daemon;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ClusterView cluster;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ObjectSelector selector;

    @Activate
    public StatusServlet(@Reference DaemonControl daemon) {
        this.daemon = daemon;
    }

    /** For tests: with a cluster view and a selector. */
    StatusServlet(DaemonControl daemon, ClusterView cluster, ObjectSelector selector) {
        this.daemon = daemon;
        this.cluster = cluster;
        this.selector = selector;
    }

    /** The dataset, selected. */
    DaemonStatus status(String selection) {
        ClusterView c = cluster;
        DaemonStatus s = c != null ? c.current() : daemon.status();
        if (selection == null) {
            return s;
        }
        ObjectSelector sel = selector;
        if (sel == null) {
            throw new ApiException(503, "no object selector available");
        }
        Set<String> keep = new HashSet<>();
        try {
            for (ObjectPath p : sel.select(selection)) {
                keep.add(p.canonical());
            }
        } catch (om.api.select.SelectorException | om.api.InvalidPathException e) {
            throw new ApiException(400, e.getMessage());
        } catch (OmException e) {
            // one missing path: an empty selection, as om daemon status shows it
            return s.select(p -> false);
        }
        return s.select(keep::contains);
    }

    @Override
    protected Map<String, Handler> routes() {
        return Map.of("GET", this::get);
    }

    private void get(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        sendJson(resp, DatasetJson.daemonStatus(status(req.getParameter("selector"))).toString());
    }
}
