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
        return List.of();
    }

    @Override
    public String label(ResourceContext ctx) {
        return "fake " + ctx.rid();
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        journal.add("status " + ctx.rid());
        sleep(statusDelay);
        if (statusError != null) {
            throw statusError;
        }
        return new CheckResult(states.getOrDefault(ctx.rid(), Status.DOWN),
                checkLog.getOrDefault(ctx.rid(), List.of()));
    }

    @Override
    public void start(ResourceContext ctx) throws ActionException {
        journal.add("start " + ctx.rid());
        sleep(startDelay);
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
