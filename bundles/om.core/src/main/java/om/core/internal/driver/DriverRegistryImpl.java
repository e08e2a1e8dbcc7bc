package om.core.internal.driver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The drivers deployed now, keyed {@code <group>.<type>}. Driver bundles come and go (hot deploy), so the
 * reference is dynamic and greedy: a new driver is seen at once, a leaving one is forgotten at once.
 * When two bundles register the same driver id, the first one registered wins until it leaves.
 */
@Component(service = DriverRegistry.class)
public final class DriverRegistryImpl implements DriverRegistry {
    private final Map<String, List<ResourceDriver>> drivers = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public DriverRegistryImpl() {
    }

    @Reference(name = "driver", service = ResourceDriver.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeDriver")
    public void addDriver(ResourceDriver driver) {
        drivers.computeIfAbsent(key(driver), k -> new CopyOnWriteArrayList<>()).add(driver);
        generation.incrementAndGet();
    }

    public void removeDriver(ResourceDriver driver) {
        drivers.computeIfPresent(key(driver), (k, list) -> {
            list.remove(driver);
            return list.isEmpty() ? null : list;
        });
        generation.incrementAndGet();
    }

    @Override
    public Optional<ResourceDriver> find(String group, String type) {
        if (group == null || type == null) {
            return Optional.empty();
        }
        List<ResourceDriver> list = drivers.get(group + "." + type);
        if (list == null) {
            return Optional.empty();
        }
        // the list may empty between get and read: a driver leaving is a normal event
        return list.stream().findFirst();
    }

    @Override
    public Collection<ResourceDriver> all() {
        List<ResourceDriver> out = new ArrayList<>();
        drivers.values().forEach(l -> l.stream().findFirst().ifPresent(out::add));
        return List.copyOf(out);
    }

    @Override
    public long generation() {
        return generation.get();
    }

    private static String key(ResourceDriver driver) {
        return driver.group() + "." + driver.type();
    }
}
