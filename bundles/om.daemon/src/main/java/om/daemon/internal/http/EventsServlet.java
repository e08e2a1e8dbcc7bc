package om.daemon.internal.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.select.ObjectSelector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code GET /api/daemon/events[?selector=]}: the daemon's events as server-sent events, one message per event,
 * its {@code data:} line the JSON {@code {"kind", "at", "node", "path", "data"}} ({@link EventJson}), from the
 * moment of the request on. With a selector, the events of objects outside the selection are left out; node
 * events (no path: node monitor, heartbeats, lost events) always come, they decide the placement of every
 * object. An object created after the request joins the selection when its config event comes.
 *
 * <p>Each stream holds a subscription of {@link DaemonEvents} and a request thread for as long as the client
 * listens. A client that goes away is noticed at the next write (an event or the keep-alive comment sent after
 * {@link #KEEPALIVE} of silence), which fails: the subscription is then closed. Deactivation (daemon stop, bundle
 * update) ends every stream within a poll slice.
 */
@Component(service = Servlet.class, property = {Whiteboard.SELECT, Whiteboard.PATTERN + "/api/daemon/events"})
public final class EventsServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;
    /** The silence after which a comment line is written: how late a departed client is noticed. */
    static final Duration KEEPALIVE = Duration.ofSeconds(5);
    /** Events queued per stream before the stream loses some (and is told so with an EventsLost). */
    static final int CAPACITY = 10_000;
    private static final Duration SLICE = Duration.ofMillis(500);

    private final transient DaemonEvents events;
    private final transient Duration keepalive;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ObjectSelector selector;
    private final transient Set<DaemonEvents.Subscription> open = ConcurrentHashMap.newKeySet();
    private transient volatile boolean stopped;

    @Activate
    public EventsServlet(@Reference DaemonEvents events) {
        this(events, null, KEEPALIVE);
    }

    /** For tests: a selector and a shorter keep-alive. */
    EventsServlet(DaemonEvents events, ObjectSelector selector, Duration keepalive) {
        this.events = events;
        this.selector = selector;
        this.keepalive = keepalive;
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        open.forEach(DaemonEvents.Subscription::close);
    }

    /** The streams open now. */
    int streams() {
        return open.size();
    }

    @Override
    protected Map<String, Handler> routes() {
        return Map.of("GET", this::get);
    }

    /** Which objects a stream carries: all, or the selection, re-evaluated when a new object's config comes. */
    final class Selection {
        private final String expression;
        private final Set<String> paths = new HashSet<>();

        Selection(String expression) {
            this.expression = expression;
            if (expression != null) {
                evaluate(true);
            }
        }

        private void evaluate(boolean strict) {
            ObjectSelector sel = selector;
            if (sel == null) {
                if (strict) {
                    throw new ApiException(503, "no object selector available");
                }
                return;
            }
            try {
                for (ObjectPath p : sel.select(expression)) {
                    paths.add(p.canonical());
                }
            } catch (om.api.select.SelectorException | om.api.InvalidPathException e) {
                if (strict) {
                    throw new ApiException(400, e.getMessage());
                }
            } catch (OmException e) {
                // one path not installed (yet): an empty selection, which its creation fills
            }
        }

        boolean keeps(DaemonEvent e) {
            if (expression == null || e.path() == null || paths.contains(e.path())) {
                return true;
            }
            if (e instanceof DaemonEvent.ConfigUpdated) {
                evaluate(false);
                return paths.contains(e.path());
            }
            return false;
        }
    }

    private void get(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Selection selection = new Selection(req.getParameter("selector"));
        if (stopped) {
            throw new ApiException(503, "the daemon is stopping");
        }
        DaemonEvents.Subscription sub = events.subscribe(CAPACITY);
        open.add(sub);
        try {
            resp.setStatus(200);
            resp.setContentType("text/event-stream");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("Cache-Control", "no-cache");
            ServletOutputStream out = resp.getOutputStream();
            // the headers now: a client knows the stream is open before the first event
            out.write(":\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long quietSince = System.nanoTime();
            while (!stopped) {
                DaemonEvent e = sub.poll(SLICE.compareTo(keepalive) < 0 ? SLICE : keepalive);
                if (e != null) {
                    if (!selection.keeps(e)) {
                        continue;
                    }
                    out.write(("data: " + EventJson.event(e) + "\n\n").getBytes(StandardCharsets.UTF_8));
                } else if (System.nanoTime() - quietSince >= keepalive.toNanos()) {
                    out.write(": keepalive\n\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    continue;
                }
                // a failed write here is the client gone: the IOException ends the stream
                out.flush();
                quietSince = System.nanoTime();
            }
        } catch (IOException e) {
            // the client went away: nothing to answer, the subscription goes below
        } finally {
            open.remove(sub);
            sub.close();
        }
    }
}
