package om.core.internal.node;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import om.api.Installation;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.cli.DaemonControl;
import om.api.node.NodeSettings;
import om.api.status.Level;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * The node settings' duties inside a daemon (active only where a {@link DaemonControl} is: a CLI process never
 * writes cluster.conf on its own, nor logs for the daemon):
 * <ul>
 * <li>{@code cluster.id} and {@code cluster.secret} generated at the first start (heartbeats-and-daemon section 1).
 * bin/omd already did it before the daemon's bundles started; this covers a daemon framework started otherwise
 * (the OSGi itests);</li>
 * <li>a live change that makes cluster.conf or node.conf unusable logs why in {@code log/node.log}, once per
 * problem, while the last good version stays in use.</li>
 * </ul>
 */
@Component(immediate = true)
public final class DaemonNodeConfig {
    private final Installation inst;
    private final ActionLog log;
    private final AutoCloseable watch;
    private final Set<String> reported = new HashSet<>();

    @Activate
    public DaemonNodeConfig(@Reference(name = "daemon") DaemonControl daemon,
                            @Reference(name = "settings") NodeSettings settings,
                            @Reference(name = "installation") Installation inst,
                            @Reference(name = "log", cardinality = ReferenceCardinality.OPTIONAL,
                                    target = "(om.log=multiplexer)") ActionLog log) {
        this.inst = inst;
        this.log = log;
        try {
            settings.ensureIdentity();
        } catch (RuntimeException e) {
            // a read-only or broken cluster.conf must not keep the daemon from starting; the next start retries
            warn(e.getMessage());
        }
        report(settings.current().issues());
        this.watch = settings.onChange(c -> report(c.issues()));
    }

    @Deactivate
    void deactivate() throws Exception {
        watch.close();
    }

    /** Logs the problems not logged yet; a problem that went away is logged again if it comes back. */
    private synchronized void report(List<String> issues) {
        reported.retainAll(issues);
        for (String issue : issues) {
            if (reported.add(issue)) {
                warn(issue);
            }
        }
    }

    private void warn(String message) {
        if (log != null) {
            log.log(new LogEvent(Instant.now(), Level.WARN, inst.nodename(), null, null, null, message, null, null,
                    false, "settings"));
        }
    }
}
