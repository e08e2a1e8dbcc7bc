package om.daemon.internal.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.core.internal.node.InstallationImpl;
import om.core.internal.node.NodeSettingsImpl;

/** The real node settings of om.core over a cluster.conf written in a test folder. */
final class Conf {
    private Conf() {
    }

    static final DriverRegistry NO_DRIVERS = new DriverRegistry() {
        @Override
        public Optional<ResourceDriver> find(String group, String type) {
            return Optional.empty();
        }

        @Override
        public Collection<ResourceDriver> all() {
            return List.of();
        }

        @Override
        public long generation() {
            return 0;
        }
    };

    static NodeSettings settings(Path root, String node, String clusterConf) {
        write(root.resolve("etc/cluster.conf"), clusterConf);
        return new NodeSettingsImpl(new InstallationImpl(root, node), NO_DRIVERS);
    }

    static NodeConfig config(Path root, String node, String clusterConf) {
        return settings(root, node, clusterConf).current();
    }

    static void write(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
