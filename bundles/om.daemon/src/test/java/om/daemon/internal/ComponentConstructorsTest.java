package om.daemon.internal;

import om.daemon.internal.bridge.BridgeListener;
import om.daemon.internal.control.DaemonControlImpl;
import om.daemon.internal.monitor.Monitor;
import om.daemon.internal.stats.StatsService;
import om.testkit.ComponentConstructors;
import org.junit.jupiter.api.Test;

/** om.daemon's components with several constructors: SCR must see one of the activation arity. */
class ComponentConstructorsTest {
    @Test
    void noOtherPublicConstructorHasTheActivationArity() {
        ComponentConstructors.assertUnambiguous(BridgeListener.class, DaemonControlImpl.class, Monitor.class,
                StatsService.class,
                om.daemon.internal.http.StatusServlet.class, om.daemon.internal.http.PeerClient.class,
                om.daemon.internal.http.ApiContext.class, om.daemon.internal.http.HttpConfigurator.class,
                om.daemon.internal.http.ConfigFileServlet.class, om.daemon.internal.http.RelayServlet.class,
                om.daemon.internal.http.FallbackServlet.class, om.daemon.internal.replication.Replicator.class,
                om.daemon.internal.http.StatsServlet.class, om.daemon.internal.http.PeerStatsClient.class,
                om.daemon.internal.http.CliServlet.class, om.daemon.internal.http.EventsServlet.class,
                om.daemon.internal.http.ObjectActionFilter.class);
    }
}
