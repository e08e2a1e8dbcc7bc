package om.log.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.log.api.LogHealth;
import om.log.api.SinkHealth;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The one {@link ActionLog} every action, driver and daemon component writes to: hands each event to every sink
 * present. Sinks come and go as DS services (dynamic references), so the multiplexer never restarts; a sink that
 * throws despite its contract is skipped for that event and never reaches the caller.
 */
@Component(service = {ActionLog.class, LogHealth.class}, property = "om.log=multiplexer")
public final class Multiplexer implements ActionLog, LogHealth {
    /** The property value of the asynchronous entry, registered by the multiplexer itself. */
    public static final String ASYNC = "async";

    private final List<LogSink> sinks = new CopyOnWriteArrayList<>();
    private final List<HealthSource> sources = new CopyOnWriteArrayList<>();
    private final AsyncQueue async;
    private ServiceRegistration<ActionLog> asyncRegistration;

    public Multiplexer() {
        this.async = new AsyncQueue(this::fanOut, AsyncQueue.CAPACITY, Clock.systemDefaultZone());
    }

    /** For tests: a multiplexer over fixed sinks. */
    public Multiplexer(List<LogSink> sinks) {
        this();
        sinks.forEach(this::addSink);
    }

    /**
     * Registers the asynchronous entry ({@code om.log=async}) from here rather than as a component of its own: it
     * writes into this multiplexer, and {@link #flush} must reach its queue, a cycle DS references cannot express.
     */
    @Activate
    void activate(BundleContext context) {
        asyncRegistration = context.registerService(ActionLog.class, async,
                new Hashtable<>(Map.of("om.log", ASYNC)));
    }

    @Deactivate
    void deactivate() {
        if (asyncRegistration != null) {
            asyncRegistration.unregister();
        }
        async.close();
    }

    /** The entry for callers that must not block on a sink (also the {@code om.log=async} service). */
    public ActionLog async() {
        return async;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSink")
    void addSink(LogSink sink) {
        sinks.add(sink);
    }

    void removeSink(LogSink sink) {
        sinks.remove(sink);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSource")
    void addSource(HealthSource source) {
        sources.add(source);
    }

    void removeSource(HealthSource source) {
        sources.remove(source);
    }

    /** Synchronous: the line went through every sink when this returns. */
    @Override
    public void log(LogEvent event) {
        fanOut(event);
    }

    /** Writes what callers queued on the asynchronous entry so far (bounded wait); CLI actions call it last. */
    @Override
    public void flush() {
        async.flush();
    }

    private void fanOut(LogEvent event) {
        if (event == null) {
            return;
        }
        for (LogSink sink : sinks) {
            try {
                sink.accept(event);
            } catch (RuntimeException | LinkageError e) {
                // a sink bug must not fail the action; its own counters cannot be trusted, so nothing else to do
            }
        }
    }

    @Override
    public List<SinkHealth> health() {
        List<HealthSource> all = new java.util.ArrayList<>(sources);
        if (async.used()) {
            all.add(async); // listed once some caller logs asynchronously
        }
        for (LogSink s : sinks) {
            if (!all.contains(s)) {
                all.add(s);
            }
        }
        return all.stream().map(HealthSource::health).sorted(Comparator.comparing(SinkHealth::sink)).toList();
    }
}
