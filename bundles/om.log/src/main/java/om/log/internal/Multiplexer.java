package om.log.internal;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.log.api.LogHealth;
import om.log.api.SinkHealth;
import org.osgi.service.component.annotations.Component;
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
    private final List<LogSink> sinks = new CopyOnWriteArrayList<>();
    private final List<HealthSource> sources = new CopyOnWriteArrayList<>();

    public Multiplexer() {
    }

    /** For tests: a multiplexer over fixed sinks. */
    public Multiplexer(List<LogSink> sinks) {
        sinks.forEach(this::addSink);
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

    @Override
    public void log(LogEvent event) {
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
        for (LogSink s : sinks) {
            if (!all.contains(s)) {
                all.add(s);
            }
        }
        return all.stream().map(HealthSource::health).sorted(Comparator.comparing(SinkHealth::sink)).toList();
    }
}
