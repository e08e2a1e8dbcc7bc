package om.core.internal.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.config.ConfigIssue;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.config.RawConfig;

/** Objects held in memory; config files live where the installation says. */
public final class FakeStore implements ObjectStore {
    private final Installation installation;
    private final Map<ObjectPath, FakeConfig> configs = new ConcurrentHashMap<>();

    public FakeStore(Installation installation) {
        this.installation = installation;
    }

    /** Creates (and registers) a config with a file on disk. */
    public FakeConfig create(String path) {
        ObjectPath p = ObjectPath.parse(path);
        FakeConfig c = new FakeConfig(p, configFile(p), installation.nodename()).writeFile();
        configs.put(p, c);
        return c;
    }

    @Override
    public List<ObjectPath> list() {
        return configs.keySet().stream().sorted().toList();
    }

    @Override
    public boolean exists(ObjectPath path) {
        return configs.containsKey(path);
    }

    @Override
    public Path configFile(ObjectPath path) {
        return installation.configFile(path);
    }

    @Override
    public Optional<ObjectConfig> load(ObjectPath path) {
        return Optional.ofNullable(configs.get(path));
    }

    @Override
    public List<ConfigIssue> validate(ObjectPath path) {
        return List.of();
    }

    @Override
    public List<ConfigIssue> validate(ObjectPath path, String text) {
        return List.of();
    }

    @Override
    public void write(ObjectPath path, RawConfig config) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(ObjectPath path) {
        configs.remove(path);
    }

    @Override
    public String render(RawConfig config) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RawConfig parse(String fileName, String text) {
        throw new UnsupportedOperationException();
    }
}
