package om.daemon.internal.monitor;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.daemon.ObjectConfigSummary;
import om.api.status.InstanceFlags;
import om.api.status.InstanceStatus;
import om.api.status.StatusService;

/**
 * The worker side of the monitor: what a thread of its evaluation pool does for one object (read the config
 * facts, read or evaluate the instance status, note the file stamps they were read from). It owns no state: each
 * piece of work ends in one {@link Result} handed to the monitor thread through {@code sink}, which alone applies
 * it to the dataset.
 */
final class Evaluator {
    /** What a worker found for one object. {@code facts} null when the config was not read. */
    record Result(ObjectPath path, Stamp configStamp, ObjectFacts facts, ObjectConfigSummary config,
                  InstanceStatus status, Stamp statusStamp, Stamp frozenStamp, Stamp expectStamp,
                  String localExpect, boolean gone, String error) {
    }

    /** No result: wakes the monitor thread up (a message arrived, a stop, an announce). */
    static final Result WAKE = new Result(null, null, null, null, null, null, null, null, null, false, null);

    /** Set on the pool's threads: their own refreshes are in the result they hand back, not read again. */
    private static final ThreadLocal<Boolean> EVALUATING = ThreadLocal.withInitial(() -> false);

    private final Installation installation;
    private final ObjectStore store;
    private final StatusService status;
    private final InstanceFlags flags;
    private final Clock clock;
    private final String node;
    private final Consumer<Result> sink;

    Evaluator(Installation installation, ObjectStore store, StatusService status, InstanceFlags flags, Clock clock,
              Consumer<Result> sink) {
        this.installation = installation;
        this.store = store;
        this.status = status;
        this.flags = flags;
        this.clock = clock;
        this.node = installation.nodename();
        this.sink = sink;
    }

    /** Whether the calling thread is one of the pool's, evaluating (its status writes need no signal). */
    static boolean evaluating() {
        return EVALUATING.get();
    }

    /** Runs in a pool thread: reads what was asked for one object and hands the result to the monitor thread. */
    void work(ObjectPath p, int what) {
        EVALUATING.set(true);
        try {
            evaluate(p, what);
        } finally {
            EVALUATING.set(false);
        }
    }

    private void evaluate(ObjectPath p, int what) {
        Stamp configStamp = Stamp.of(store.configFile(p));
        ObjectFacts facts = null;
        ObjectConfigSummary summary = null;
        try {
            if ((what & Evaluations.LOAD) != 0) {
                ObjectConfig cfg = store.load(p).orElse(null);
                if (cfg == null) {
                    sink.accept(new Result(p, configStamp, null, null, null, null, null, null, null, true, null));
                    return;
                }
                facts = ObjectFacts.of(cfg, node);
                // the store's checksum, of the very bytes the config was evaluated from
                summary = new ObjectConfigSummary(facts.configScope(), cfg.checksum(), cfg.mtime());
            }
            boolean full = (what & Evaluations.REFRESH) != 0;
            Path varDir = installation.varDir(p);
            // stamps before the reads: a change while reading shows at the next scan
            Stamp expectStamp = Stamp.of(varDir.resolve(Monitor.LOCAL_EXPECT));
            String localExpect = flags.localExpect(p).word();
            InstanceStatus st = full ? status.refresh(p) : status.get(p);
            sink.accept(new Result(p, configStamp, facts, summary, st, Stamp.of(varDir.resolve(Monitor.STATUS)),
                    Stamp.of(varDir.resolve(Monitor.FROZEN)), expectStamp, localExpect, false, null));
        } catch (RuntimeException e) {
            Path varDir = installation.varDir(p);
            sink.accept(new Result(p, configStamp, facts, summary, null, Stamp.of(varDir.resolve(Monitor.STATUS)),
                    Stamp.of(varDir.resolve(Monitor.FROZEN)), Stamp.of(varDir.resolve(Monitor.LOCAL_EXPECT)), null,
                    !store.exists(p), String.valueOf(e.getMessage())));
        }
    }
}
