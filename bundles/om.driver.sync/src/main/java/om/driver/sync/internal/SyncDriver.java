package om.driver.sync.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import om.api.config.Keyword;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.LogEntry;
import om.api.status.Status;
import org.osgi.service.component.annotations.Component;

/**
 * sync.rsync: copies {@code src} to the peers of its targets with rsync over ssh ({@code om <path> sync
 * all|nodes|drp}, heartbeats-and-daemon.md section 8), and reports whether every peer got a copy within
 * {@code max_delay}. Never started nor stopped: the engine only calls it to sync, from the node where the
 * instance is up.
 */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=sync", ResourceDriver.TYPE + "=rsync"})
public final class SyncDriver implements ResourceDriver {
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
    private static final String DEFAULT = "DEFAULT";

    /** Read once: the rsync binary does not change under a running daemon often enough to ask every time. */
    private final AtomicReference<RsyncCapabilities> capabilities = new AtomicReference<>();

    public SyncDriver() {
        // no references: everything comes from the ResourceContext of each call
    }

    @Override
    public String group() {
        return "sync";
    }

    @Override
    public String type() {
        return "rsync";
    }

    @Override
    public List<Keyword> keywords() {
        return SyncKeywords.all();
    }

    @Override
    public String label(ResourceContext ctx) {
        String src = SyncKeywords.value(ctx, "src").map(Values::toList).map(l -> String.join(" ", l)).orElse("");
        List<String> targets = SyncKeywords.value(ctx, "target").map(Values::toNodeList).orElse(List.of());
        return "rsync " + src + " to " + String.join(", ", targets);
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        SyncSettings s;
        try {
            s = SyncSettings.from(ctx);
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
        List<String> peers = peers(ctx, s.targets());
        if (peers.isEmpty()) {
            return CheckResult.of(Status.NA);
        }
        Instant now = Instant.now();
        List<LogEntry> warnings = new ArrayList<>();
        for (String peer : peers) {
            Optional<Instant> last = LastSync.read(ctx.varDir(), peer);
            if (last.isEmpty()) {
                warnings.add(LogEntry.warn(peer + " never synced"));
            } else if (last.get().plus(s.maxDelay()).isBefore(now)) {
                warnings.add(LogEntry.warn(peer + " last sync is too old"));
            }
        }
        return warnings.isEmpty() ? CheckResult.of(Status.UP) : new CheckResult(Status.WARN, warnings);
    }

    /** Sync resources have no running state: the engine does not start them. */
    @Override
    public void start(ResourceContext ctx) {
        // nothing to bring up
    }

    @Override
    public void stop(ResourceContext ctx) {
        // nothing to bring down
    }

    /**
     * One copy per peer of the asked targets that this resource's {@code target} has; a failed peer is logged and
     * the others still get theirs, then the resource fails naming the peers that did not.
     */
    @Override
    public void sync(ResourceContext ctx, Set<String> requested) throws ActionException {
        SyncSettings s = SyncSettings.from(ctx);
        List<String> targets = s.targets().stream().filter(requested::contains).toList();
        if (targets.isEmpty()) {
            ctx.info("nothing to sync to " + String.join(", ", ordered(requested)) + " (target = "
                    + (s.targets().isEmpty() ? "none" : String.join(", ", s.targets())) + ")");
            return;
        }
        List<String> peers = peers(ctx, targets);
        if (peers.isEmpty()) {
            ctx.info("no peer in " + String.join(", ", targets));
            return;
        }
        if (s.snap()) {
            throw new ActionException("snap = true is not supported here (src on " + fsType(s.src().get(0)) + ")");
        }
        RsyncCapabilities caps = capabilities(ctx);
        List<RsyncCommand> copies = RsyncCommand.plan(s);
        List<String> failed = new ArrayList<>();
        for (String peer : peers) {
            if (ctx.cancellation().isCancelled()) {
                throw new ActionException(ctx.cancellation().reason());
            }
            try {
                for (RsyncCommand c : copies) {
                    ctx.act(c.mkdirArgv(peer), Map.of(), s.timeout());
                    ctx.act(c.argv(s, caps, peer), Map.of(), s.timeout());
                }
                record(ctx, peer);
            } catch (ActionException e) {
                ctx.error(e.getMessage());
                failed.add(peer);
            }
        }
        if (!failed.isEmpty()) {
            throw new ActionException("sync to " + String.join(", ", failed) + " failed");
        }
    }

    private static List<String> ordered(Set<String> targets) {
        return List.of(SyncSettings.NODES, SyncSettings.DRPNODES).stream().filter(targets::contains).toList();
    }

    private static void record(ResourceContext ctx, String peer) {
        try {
            Files.createDirectories(ctx.varDir());
            LastSync.write(ctx.varDir(), peer, Instant.now());
        } catch (IOException e) {
            // the copy is made; only the status will not know it
            ctx.warn("cannot record the sync to " + peer + " in " + LastSync.file(ctx.varDir(), peer) + ": "
                    + e.getMessage());
        }
    }

    /**
     * The peers of the targets, in order, each once: the object's {@code nodes} or {@code drpnodes} except this
     * node. Only declared names: a node glob names no host to copy to.
     */
    static List<String> peers(ResourceContext ctx, List<String> targets) {
        List<String> out = new ArrayList<>();
        for (String t : targets) {
            for (String n : ctx.config().get(DEFAULT, t).map(Values::toNodeList).orElse(List.of())) {
                boolean glob = n.indexOf('*') >= 0 || n.indexOf('?') >= 0 || n.indexOf('[') >= 0;
                if (!glob && !n.equals(ctx.node()) && !out.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private RsyncCapabilities capabilities(ResourceContext ctx) throws ActionException {
        RsyncCapabilities c = capabilities.get();
        if (c != null) {
            return c;
        }
        ExecResult r = ctx.probe(List.of("rsync", "--version"), Map.of(), VERSION_TIMEOUT);
        if (!r.ok()) {
            // not cached: rsync may be installed before the next try
            throw new ActionException("rsync --version failed: " + r.reason(VERSION_TIMEOUT));
        }
        c = RsyncCapabilities.parse(r.stdout());
        capabilities.set(c);
        return c;
    }

    static String fsType(String src) {
        Path p = Path.of(src);
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return "unknown";
        }
        try {
            FileStore store = Files.getFileStore(p);
            return store.type();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
