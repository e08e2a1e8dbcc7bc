package om.daemon.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import om.api.InvalidPathException;
import om.api.Kind;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.config.ObjectStore;
import om.api.json.Json;
import om.api.orchestration.Accepted;
import om.api.orchestration.Orchestration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The orchestration requests of the node API (heartbeats-and-daemon.md section 6):
 * <ul>
 *   <li>{@code POST /api/object/path/{ns}/{kind}/{name}/action/{verb}}, {@code verb} one of {@code start stop
 *       freeze unfreeze giveback switch abort} (and {@code thaw}, {@code takeover}: the names of the CLI; a
 *       takeover brings the object to the node that answers), {@code switch} with the body
 *       {@code {"destination": ["n2"]}}: sets the target and answers {@code {"orchestration_id", "global_expect",
 *       "at", "nothing"}} ({@link Accepted}); the orchestrator's refusal is a 409 with its one line;</li>
 *   <li>{@code POST /api/object/path/{ns}/{kind}/{name}/clear}: the failed states and restart counters reset
 *       on every instance; answers {@code {}}.</li>
 * </ul>
 * An unknown verb or a bad body is a 400, an object not installed here a 404, a request while the orchestrator
 * bundle is not deployed a 503. {@code {ns}} is {@code root} for the root namespace.
 *
 * <p>A filter, not a servlet: the whiteboard maps one servlet per pattern and {@code /api/object/path/*} is
 * {@link ConfigFileServlet}'s (a servlet pattern cannot match in the middle of a path). This filter answers the
 * orchestration URLs of that tree and passes every other request on to it. It runs in the {@code om} context,
 * after its authentication, also for the requests {@link RelayServlet} forwards to this node.
 */
@Component(service = Filter.class, property = {Whiteboard.SELECT,
        "osgi.http.whiteboard.filter.pattern=" + ObjectActionFilter.PREFIX + "/*",
        "osgi.http.whiteboard.filter.dispatcher=REQUEST", "osgi.http.whiteboard.filter.dispatcher=FORWARD"})
public final class ObjectActionFilter implements Filter {
    static final String PREFIX = "/api/object/path";
    static final int MAX_BODY = 64 * 1024;
    /** The verbs of the API, each to the verb of {@link Orchestration#request}. */
    static final Map<String, String> VERBS = Map.of("start", "start", "stop", "stop", "freeze", "freeze",
            "unfreeze", "thaw", "thaw", "thaw", "giveback", "giveback", "switch", "switch", "takeover", "takeover",
            "abort", "abort");

    private final ObjectStore store;
    /** The orchestrator, when its bundle is deployed: it comes and goes while the daemon runs. */
    private final AtomicReference<Orchestration> orchestration = new AtomicReference<>();

    @Activate
    public ObjectActionFilter(@Reference ObjectStore store) {
        this.store = store;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindOrchestration")
    void bindOrchestration(Orchestration o) {
        orchestration.set(o);
    }

    /** Only the one bound: with a greedy replacement the new one is bound before the old one goes. */
    void unbindOrchestration(Orchestration o) {
        orchestration.compareAndSet(o, null);
    }

    /** What a path info under {@link #PREFIX} asks: the object, and the verb ({@code clear} for a clear). */
    record Route(ObjectPath path, String verb) {
        /** Null when the URL is not an orchestration request (the config file servlet answers it). */
        static Route of(String sub) {
            String[] parts = sub == null ? new String[0] : sub.split("/", -1);
            // "", ns, kind, name, "action", verb | "", ns, kind, name, "clear"
            boolean action = parts.length == 6 && parts[4].equals("action");
            boolean clear = parts.length == 5 && parts[4].equals("clear");
            if (!parts[0].isEmpty() || !action && !clear) {
                return null;
            }
            Kind kind = Kind.fromWord(parts[2]).orElseThrow(() -> new ApiServlet.ApiException(400, "unknown kind "
                    + om.api.Quote.of(parts[2])));
            ObjectPath path;
            try {
                path = new ObjectPath(parts[1], kind, parts[3]);
            } catch (InvalidPathException e) {
                throw new ApiServlet.ApiException(400, e.getMessage());
            }
            return new Route(path, action ? parts[5] : "clear");
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String uri = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (!uri.startsWith(PREFIX + "/")) {
            chain.doFilter(request, response);
            return;
        }
        try {
            Route route = Route.of(uri.substring(PREFIX.length()));
            if (route == null) {
                chain.doFilter(request, response);
                return;
            }
            if (!req.getMethod().equals("POST")) {
                throw ApiServlet.notAllowed(req);
            }
            ApiServlet.sendJson(resp, answer(route, body(req)));
        } catch (ApiServlet.ApiException e) {
            ApiError.of(e.status, e.getMessage()).send(resp);
        } catch (RuntimeException e) {
            String m = e.getMessage();
            ApiError.of(500, e.getClass().getSimpleName() + (m == null ? "" : ": " + m)).send(resp);
        }
    }

    /** The reply of one request, as JSON. */
    String answer(Route route, JsonNode body) throws IOException {
        String verb = route.verb().equals("clear") ? "clear" : VERBS.get(route.verb());
        if (verb == null) {
            throw new ApiServlet.ApiException(400, "unknown action " + om.api.Quote.of(route.verb())
                    + " (start, stop, freeze, unfreeze, giveback, switch, abort)");
        }
        List<String> destination = destination(verb, body);
        Orchestration o = orchestration.get();
        if (o == null) {
            throw new ApiServlet.ApiException(503, "the orchestrator is not running (bundle om.orchestrator not "
                    + "deployed)");
        }
        ObjectPath path = route.path();
        if (path.kind() == Kind.CCFG || !store.exists(path)) {
            throw new ApiServlet.ApiException(404, path.canonical() + ": object not found");
        }
        try {
            if (verb.equals("clear")) {
                o.clear(path);
                return "{}";
            }
            Accepted a = o.request(path, verb, destination);
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("orchestration_id", a.orchestrationId());
            n.put("global_expect", a.globalExpect());
            n.put("at", Json.time(a.at()));
            n.put("nothing", a.nothing());
            return n.toString();
        } catch (OmException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            // installed but not yet in the orchestrator's snapshot of the cluster (just created): not found
            // either, and a client may retry; anything else is a refusal (another target pending, a destination
            // not allowed, placement = none...)
            throw new ApiServlet.ApiException(m.endsWith(": object not found") ? 404 : 409, m);
        }
    }

    /** The nodes of a {@code switch} body; none for the other verbs, which take no options. */
    static List<String> destination(String verb, JsonNode body) {
        JsonNode d = body == null ? null : body.get("destination");
        if (!verb.equals("switch")) {
            if (d != null) {
                throw new ApiServlet.ApiException(400, verb + " takes no destination");
            }
            return List.of();
        }
        if (d == null || !d.isArray() || d.isEmpty()) {
            throw new ApiServlet.ApiException(400, "switch needs a destination: {\"destination\": [\"<node>\"]}");
        }
        List<String> nodes = new ArrayList<>();
        for (JsonNode n : d) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new ApiServlet.ApiException(400, "destination: expected node names, got " + d);
            }
            nodes.add(n.asText());
        }
        return List.copyOf(nodes);
    }

    /** The JSON object of the body, null when empty. */
    static JsonNode body(HttpServletRequest req) throws IOException {
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiServlet.ApiException(413, "request body larger than " + MAX_BODY + " bytes");
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiServlet.ApiException(400, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (!n.isObject()) {
            throw new ApiServlet.ApiException(400, "the body must be a JSON object");
        }
        return n;
    }
}
