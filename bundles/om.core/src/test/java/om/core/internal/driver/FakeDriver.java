package om.core.internal.driver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.config.Keyword;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.LogEntry;
import om.api.status.Status;

/**
 * A driver whose resources are entries of a map: start makes them up, stop down. Records every call in a
 * journal shared between drivers ({@code start app#0}, {@code status fs#1}...) and fails on demand.
 */
public final class FakeDriver implements ResourceDriver {
    private final String group;
    private final String type;
    private final List<String> journal;
    public final Map<String, Status> states = new ConcurrentHashMap<>();
    public final Set<String> failStart = ConcurrentHashMap.newKeySet();
    public final Set<String> failStop = ConcurrentHashMap.newKeySet();
    public final Map<String, List<LogEntry>> checkLog = new ConcurrentHashMap<>();
    public final Map<String, String> sortKeys = new ConcurrentHashMap<>();
    public volatile Duration statusDelay = Duration.ZERO;
    public volatile Duration startDelay = Duration.ZERO;
    public volatile RuntimeException statusError;
    /** Devices each resource exposes while up. */
    public final Map<String, List<String>> exposes = new ConcurrentHashMap<>();
    /** When set, provisioned() answers from {@link #provisionedRids}; else it has no answer. */
    public volatile boolean tracksProvisioning;
    public final Set<String> provisionedRids = ConcurrentHashMap.newKeySet();
    public final Set<String> failProvision = ConcurrentHashMap.newKeySet();
    public final Set<String> failRun = ConcurrentHashMap.newKeySet();
    public volatile Duration runDelay = Duration.ZERO;
    /** A keyword that label, status and start read through the context; what start read goes to seen. */
    public volatile String readKey;
    public final Map<String, String> seen = new ConcurrentHashMap<>();
    public final List<Keyword> keywordTable = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
    public final java.util.concurrent.atomic.AtomicInteger maxActive =
            new java.util.concurrent.atomic.AtomicInteger();

    public FakeDriver(String group, String type, List<String> journal) {
        this.group = group;
        this.type = type;
        this.journal = journal;
    }

    public FakeDriver(String group, String type) {
        this(group, type, new CopyOnWriteArrayList<>());
    }

    public List<String> journal() {
        return journal;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<Keyword> keywords() {
        return List.copyOf(keywordTable);
    }

    @Override
    public String label(ResourceContext ctx) {
        String k = readKey;
        return k == null ? "fake " + ctx.rid() : "fake " + ctx.rid() + " " + ctx.value(k).orElse("");
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        journal.add("status " + ctx.rid());
        sleep(statusDelay);
        if (statusError != null) {
            throw statusError;
        }
        String k = readKey;
        if (k != null) {
            ctx.value(k);
        }
        return new CheckResult(states.getOrDefault(ctx.rid(), Status.DOWN),
                checkLog.getOrDefault(ctx.rid(), List.of()));
    }

    @Override
    public void start(ResourceContext ctx) throws ActionException {
        journal.add("start " + ctx.rid());
        String k = readKey;
        if (k != null) {
            seen.put(ctx.rid(), ctx.require(k));
        }
        int now = active.incrementAndGet();
        maxActive.accumulateAndGet(now, Math::max);
        try {
            sleep(startDelay);
        } finally {
            active.decrementAndGet();
        }
        journal.add("started " + ctx.rid());
        if (failStart.contains(ctx.rid())) {
            throw new ActionException("start of " + ctx.rid() + " failed on purpose");
        }
        ctx.info("started " + ctx.rid());
        states.put(ctx.rid(), Status.UP);
    }

    @Override
    public void stop(ResourceContext ctx) throws ActionException {
        journal.add("stop " + ctx.rid());
        if (failStop.contains(ctx.rid())) {
            throw new ActionException("stop of " + ctx.rid() + " failed on purpose");
        }
        states.put(ctx.rid(), Status.DOWN);
    }

    @Override
    public java.util.Optional<Boolean> provisioned(ResourceContext ctx) {
        return tracksProvisioning ? java.util.Optional.of(provisionedRids.contains(ctx.rid()))
                : java.util.Optional.empty();
    }

    @Override
    public void provision(ResourceContext ctx) throws ActionException {
        journal.add("provision " + ctx.rid());
        if (failProvision.contains(ctx.rid())) {
            throw new ActionException("provision of " + ctx.rid() + " failed on purpose");
        }
        provisionedRids.add(ctx.rid());
    }

    @Override
    public void unprovision(ResourceContext ctx) throws ActionException {
        journal.add("unprovision " + ctx.rid());
        provisionedRids.remove(ctx.rid());
    }

    @Override
    public List<String> exposedDevices(ResourceContext ctx) {
        journal.add("exposed " + ctx.rid());
        return states.getOrDefault(ctx.rid(), Status.DOWN) == Status.UP
                ? exposes.getOrDefault(ctx.rid(), List.of()) : List.of();
    }

    @Override
    public void run(ResourceContext ctx) throws ActionException {
        journal.add("run " + ctx.rid());
        sleep(runDelay);
        if (failRun.contains(ctx.rid())) {
            throw new ActionException("run of " + ctx.rid() + " failed on purpose");
        }
        ctx.info("ran " + ctx.rid());
    }

    public final Set<String> failSync = ConcurrentHashMap.newKeySet();
    public volatile Duration syncDelay = Duration.ZERO;
    /** When set, each sync waits for it to open (a long copy the test ends). */
    public volatile java.util.concurrent.CountDownLatch syncGate;
    private final java.util.concurrent.atomic.AtomicInteger syncing = new java.util.concurrent.atomic.AtomicInteger();
    public final java.util.concurrent.atomic.AtomicInteger maxSyncing =
            new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void sync(ResourceContext ctx, Set<String> targets) throws ActionException {
        journal.add("sync " + ctx.rid() + " " + new java.util.TreeSet<>(targets));
        maxSyncing.accumulateAndGet(syncing.incrementAndGet(), Math::max);
        try {
            sleep(syncDelay);
            java.util.concurrent.CountDownLatch gate = syncGate;
            if (gate != null) {
                try {
                    gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            syncing.decrementAndGet();
        }
        journal.add("synced " + ctx.rid());
        if (failSync.contains(ctx.rid())) {
            throw new ActionException("sync of " + ctx.rid() + " failed on purpose");
        }
        ctx.info("synced " + ctx.rid());
    }

    @Override
    public String sortKey(ResourceContext ctx) {
        return sortKeys.get(ctx.rid());
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
