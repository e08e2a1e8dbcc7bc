package om.core.internal.node;

import java.time.Instant;
import om.api.Installation;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.cli.DaemonControl;
import om.api.node.NodeSettings;
import om.api.status.Level;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * Generates {@code cluster.id} and {@code cluster.secret} at the first daemon start (heartbeats-and-daemon
 * section 1). Active only where a {@link DaemonControl} is, that is inside a daemon: a CLI process without a
 * daemon never writes cluster.conf on its own.
 */
@Component(immediate = true)
public final class DaemonIdentity {
    @Activate
    public DaemonIdentity(@Reference(name = "daemon") DaemonControl daemon,
                          @Reference(name = "settings") NodeSettings settings,
                          @Reference(name = "installation") Installation inst,
                          @Reference(name = "log", cardinality = ReferenceCardinality.OPTIONAL,
                                  target = "(om.log=multiplexer)") ActionLog log) {
        try {
            settings.ensureIdentity();
        } catch (RuntimeException e) {
            // a read-only or broken cluster.conf must not keep the daemon from starting; the next start retries
            if (log != null) {
                log.log(new LogEvent(Instant.now(), Level.WARN, inst.nodename(), null, null, null, e.getMessage(),
                        null, null, false, "settings"));
            }
        }
    }
}
