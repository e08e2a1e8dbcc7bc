package om.selector.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import om.api.ObjectPath;
import om.api.config.ConfigException;
import om.api.config.ConfigIssue;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.config.RawConfig;

/** An in-memory ObjectStore; counts loads so tests can check that path-only selectors read no config. */
public final class FakeStore implements ObjectStore {
    /** Marks an installed object whose file has a syntax error. */
    public static final String BROKEN = "<broken>";
    /** Marks an object listed (say, cluster-wide) but whose config is not installed here. */
    public static final String NOT_INSTALLED = "<not installed>";

    private final String node;
    private final Map<String, String> defaults;
    private final Map<ObjectPath, String> texts = new HashMap<>();
    private final Map<ObjectPath, ObjectConfig> cache = new HashMap<>();
    private final AtomicInteger loads = new AtomicInteger();

    public FakeStore(String node, Map<String, String> defaults) {
        this.node = node;
        this.defaults = defaults;
    }

    public FakeStore add(String path, String ini) {
        texts.put(ObjectPath.parse(path), ini);
        return this;
    }

    public int loads() {
        return loads.get();
    }

    public void resetLoads() {
        loads.set(0);
    }

    @Override
    public List<ObjectPath> list() {
        List<ObjectPath> out = new ArrayList<>(texts.keySet());
        out.sort(Comparator.comparing(ObjectPath::canonical));
        return out;
    }

    @Override
    public boolean exists(ObjectPath path) {
        return texts.containsKey(path);
    }

    @Override
    public Path configFile(ObjectPath path) {
        return Path.of("/fake", path.fqn() + ".conf");
    }

    @Override
    public Optional<ObjectConfig> load(ObjectPath path) {
        loads.incrementAndGet();
        String text = texts.get(path);
        if (text == null || text.equals(NOT_INSTALLED)) {
            return Optional.empty();
        }
        if (text.equals(BROKEN)) {
            throw new ConfigException(configFile(path) + ":1: key before the first section");
        }
        return Optional.of(cache.computeIfAbsent(path,
                p -> new FakeConfig(p, node, FakeConfig.parseIni(text), defaults)));
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
        texts.remove(path);
    }

    @Override
    public String render(RawConfig config) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RawConfig parse(String fileName, String text) {
        return FakeConfig.parseIni(text);
    }
}
