package om.daemon.internal.cluster;

import java.io.IOException;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import om.api.cluster.HeartbeatConfig;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Makes the {@code [hb#N]} sections of the effective node configuration Config Admin factory configurations
 * (factory pid {@code om.hb.<type>}, name {@code hb#N}, properties {@link HeartbeatConfig#properties()}), the
 * OSGi way to get one transport component instance per section: created, updated and deleted as the
 * configuration changes (live, on {@link NodeSettings#onChange}), and at start those a previous run left for
 * sections now gone are deleted. Config Admin persists, so the work runs on a thread of its own, never on the
 * settings poller.
 */
@Component(immediate = true)
public final class HeartbeatConfigurations {
    /** The property every configuration made here has (and only those). */
    static final String NAME = "hb.name";
    static final String PREFIX = "om.hb.";

    private final ConfigurationAdmin cm;
    private final ExecutorService worker;
    private final AutoCloseable listener;
    private final Hub hub;

    @Activate
    public HeartbeatConfigurations(@Reference ConfigurationAdmin cm, @Reference NodeSettings settings,
                                   @Reference Hub hub) {
        this.cm = cm;
        this.hub = hub;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hb-configurations");
            t.setDaemon(true);
            return t;
        });
        NodeConfig now = settings.current();
        worker.execute(() -> sync(now));
        this.listener = settings.onChange(c -> worker.execute(() -> sync(c)));
    }

    @Deactivate
    void deactivate() {
        try {
            listener.close();
        } catch (Exception e) {
            // the settings service is going away too
        }
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes the factory configurations match the heartbeats of {@code c}. */
    void sync(NodeConfig c) {
        List<HeartbeatConfig> want = HeartbeatSettings.of(c);
        Set<String> wanted = new HashSet<>();
        for (HeartbeatConfig h : want) {
            String factory = HeartbeatConfig.factoryPid(h.type());
            wanted.add(factory + "\u0000" + h.name());
            try {
                Configuration conf = cm.getFactoryConfiguration(factory, h.name(), "?");
                conf.updateIfDifferent(dictionary(h));
            } catch (IOException | RuntimeException e) {
                hub.log(om.api.status.Level.ERROR, h.name() + ": cannot configure the " + h.type()
                        + " transport: " + e.getMessage());
            }
        }
        try {
            Configuration[] all = cm.listConfigurations("(" + NAME + "=*)");
            for (Configuration conf : all == null ? new Configuration[0] : all) {
                String factory = conf.getFactoryPid();
                Object name = conf.getProperties() == null ? null : conf.getProperties().get(NAME);
                if (factory != null && factory.startsWith(PREFIX) && name != null
                        && !wanted.contains(factory + "\u0000" + name)) {
                    conf.delete();
                }
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            hub.log(om.api.status.Level.ERROR, "cannot remove the configurations of removed heartbeats: "
                    + e.getMessage());
        }
    }

    static Dictionary<String, Object> dictionary(HeartbeatConfig h) {
        return new Hashtable<>(h.properties());
    }
}
