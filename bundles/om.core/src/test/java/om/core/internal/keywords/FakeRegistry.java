package om.core.internal.keywords;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;

/** A registry whose drivers tests add and remove. */
public final class FakeRegistry implements DriverRegistry {
    private final Map<String, ResourceDriver> drivers = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public FakeRegistry(ResourceDriver... initial) {
        for (ResourceDriver d : initial) {
            add(d);
        }
    }

    /** The usual test set: app.forking, fs.ext4, ip.host. */
    public static FakeRegistry standard() {
        return new FakeRegistry(FakeDriver.appForking(), FakeDriver.fsExt4(), FakeDriver.ipHost());
    }

    public void add(ResourceDriver d) {
        drivers.put(d.id(), d);
        generation.incrementAndGet();
    }

    public void remove(String id) {
        drivers.remove(id);
        generation.incrementAndGet();
    }

    @Override
    public Optional<ResourceDriver> find(String group, String type) {
        return Optional.ofNullable(drivers.get(group + "." + type));
    }

    @Override
    public Collection<ResourceDriver> all() {
        return List.copyOf(drivers.values());
    }

    @Override
    public long generation() {
        return generation.get();
    }
}
