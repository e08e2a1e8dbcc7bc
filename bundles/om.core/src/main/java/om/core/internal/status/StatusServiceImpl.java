package om.core.internal.status;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.status.StatusListener;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.driver.DriverRegistry;
import om.api.status.InstanceFlags;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.status.StatusService;
import om.core.internal.driver.RunningMarker;
import om.core.internal.exec.ProcessExecutor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Instance status with a cache in {@code <vardir>/status.json} and in memory. A cached status is used until
 * the config file changes or a driver one of its resources uses arrives or leaves (hot deploy shows at
 * once). The frozen flag and the last start time are read again on every {@link #get}: they change
 * without the resources changing.
 */
@Component(service = StatusService.class)
public final class StatusServiceImpl implements StatusService {
    /** The daemon's monitor, when it runs: told of each write so the dataset follows at once. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();

    private final ObjectStore store;
    private final DriverRegistry drivers;
    private final Installation installation;
    private final InstanceStatusEvaluator evaluator;
    private final InstanceFlags flags;
    private final StatusCacheFile cacheFile = new StatusCacheFile();
    private final Map<ObjectPath, Memo> memory = new ConcurrentHashMap<>();
    /** Per object, when (monotonic) the evaluation now in the cache started. */
    private final Map<ObjectPath, Long> evaluationStarts = new ConcurrentHashMap<>();

    /** A cache entry and the identity of the status.json it matches, to notice writes by other processes. */
    private record Memo(StatusCacheFile.Entry entry, Stamp stamp) {
    }

    /** Each write renames a new file into place: its inode changes even when the coarse mtime does not. */
    private record Stamp(FileTime mtime, Object fileKey) {
    }

    @Activate
    public StatusServiceImpl(@Reference ObjectStore store, @Reference DriverRegistry drivers,
                             @Reference Installation installation, @Reference InstanceFlags flags) {
        this(store, drivers, installation, new ProcessExecutor(), flags);
    }

    /**
     * A service with its own executor and flags, outside DS. A factory, not a constructor: SCR must see a
     * single constructor with as many arguments as the activation one.
     */
    public static StatusServiceImpl withExecutor(ObjectStore store, DriverRegistry drivers, Installation installation,
                                                 ProcessExecutor executor) {
        return new StatusServiceImpl(store, drivers, installation, executor, new InstanceFlagsImpl(installation));
    }

    public StatusServiceImpl(ObjectStore store, DriverRegistry drivers, Installation installation,
                             ProcessExecutor executor, InstanceFlags flags) {
        this.store = store;
        this.drivers = drivers;
        this.installation = installation;
        this.flags = flags;
        this.evaluator = new InstanceStatusEvaluator(drivers, installation, executor, flags);
    }

    @Override
    public InstanceStatus get(ObjectPath path) {
        if (!store.exists(path)) {
            throw notFound(path);
        }
        Path file = cachePath(path);
        Stamp onDisk = stamp(file);
        Memo memo = memory.get(path);
        if (memo == null || !Objects.equals(memo.stamp(), onDisk)) {
            StatusCacheFile.Entry e = onDisk == null ? null : cacheFile.read(file);
            memo = e == null ? null : new Memo(e, onDisk);
        }
        if (memo == null || stale(path, memo.entry())) {
            return refresh(path);
        }
        memory.put(path, memo);
        return withFlags(path, memo.entry().status(), installation.varDir(path));
    }

    @Override
    public InstanceStatus refresh(ObjectPath path) {
        // taken before loading: a config written during the evaluation makes this entry stale
        Instant configMtime = configMtime(path);
        long started = System.nanoTime();
        ObjectConfig cfg = store.load(path).orElseThrow(() -> notFound(path));
        InstanceStatusEvaluator.Evaluation ev = evaluator.evaluate(cfg);
        StatusCacheFile.Entry entry = new StatusCacheFile.Entry(ev.status(), configMtime, ev.driverPresent());
        Path file = cachePath(path);
        // An evaluation that a later-started one overtook is not written: the daemon's scheduled evaluation that
        // began during a start must not replace what the start's own final evaluation found.
        evaluationStarts.compute(path, (p, last) -> {
            if (last != null && last - started > 0) {
                return last;
            }
            try {
                cacheFile.write(file, entry);
                memory.put(path, new Memo(entry, stamp(file)));
            } catch (IOException e) {
                // the status is still right; without a cache the next get evaluates again
                memory.remove(path);
            }
            return started;
        });
        for (StatusListener l : listeners) {
            try {
                l.statusWritten(path);
            } catch (RuntimeException e) {
                // a listener's failure is its own: the status was evaluated and written
            }
        }
        // the daemon's restart counters are not the evaluation's: shown as get() shows them
        return withFlags(path, ev.status(), installation.varDir(path));
    }

    /** Forgets the in-memory entries (the files stay). */
    void clearMemory() {
        memory.clear();
    }

    private boolean stale(ObjectPath path, StatusCacheFile.Entry e) {
        if (!Objects.equals(e.configMtime(), configMtime(path))) {
            return true;
        }
        Map<String, ResourceStatus> res = e.status().resources();
        if (!res.keySet().equals(e.driverPresent().keySet())) {
            return true;
        }
        for (ResourceStatus r : res.values()) {
            if (driverPresent(r.type()) != e.driverPresent().get(r.rid())) {
                return true;
            }
        }
        return false;
    }

    private boolean driverPresent(String driverId) {
        int dot = driverId == null ? -1 : driverId.indexOf('.');
        return dot > 0 && drivers.find(driverId.substring(0, dot), driverId.substring(dot + 1)).isPresent();
    }

    /**
     * The cached status with what changes without the resources changing: frozen, last start, running tasks,
     * stopped flags, the restarts left.
     */
    private InstanceStatus withFlags(ObjectPath path, InstanceStatus s, Path varDir) {
        Instant frozenAt = flags.frozenAt(path).orElse(null);
        Instant lastStart = InstanceStatusEvaluator.mtime(varDir.resolve("last_start"));
        Map<String, ResourceStatus> resources = new LinkedHashMap<>();
        boolean runningChanged = false;
        for (ResourceStatus r : s.resources().values()) {
            boolean running = RunningMarker.isRunning(varDir.resolve(r.rid()));
            boolean stopped = flags.stopped(path, r.rid());
            // the daemon's restart counter (orchestration.md section 8): the cache holds the full budget
            int remaining = r.restart() > 0 ? Math.max(0, r.restart() - flags.restartsUsed(path, r.rid()))
                    : r.restartRemaining();
            if (running != r.running() || stopped != r.stopped() || remaining != r.restartRemaining()) {
                runningChanged = true;
                r = new ResourceStatus(r.rid(), r.type(), r.label(), r.status(), r.provisioned(), r.monitor(),
                        r.disable(), r.optional(), r.standby(), r.encap(), stopped, running, r.restart(),
                        remaining, r.subset(), r.tags(), r.log());
            }
            resources.put(r.rid(), r);
        }
        if (!runningChanged && Objects.equals(frozenAt, s.frozenAt())
                && Objects.equals(lastStart, s.lastStartedAt())) {
            return s;
        }
        return new InstanceStatus(s.path(), s.node(), s.kind(), s.topology(), s.orchestrate(), s.avail(),
                s.overall(), s.optional(), s.provisioned(), frozenAt != null, frozenAt, s.updatedAt(), lastStart,
                InstanceStatusEvaluator.running(resources.values()), resources, s.priority());
    }

    private Path cachePath(ObjectPath path) {
        return installation.varDir(path).resolve(StatusCacheFile.NAME);
    }

    private Instant configMtime(ObjectPath path) {
        FileTime t = fileMtime(store.configFile(path));
        return t == null ? null : t.toInstant();
    }

    private static Stamp stamp(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.fileKey());
        } catch (IOException e) {
            return null;
        }
    }

    private static FileTime fileMtime(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return null;
        }
    }

    private static OmException notFound(ObjectPath path) {
        return new OmException(path.canonical() + ": object not found");
    }
}
