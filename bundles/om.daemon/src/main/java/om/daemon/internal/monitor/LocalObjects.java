package om.daemon.internal.monitor;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.config.ObjectStore;

/**
 * The monitor thread's view of each local object: the config facts kept, and the file stamps its facts and
 * instance status were read from; and the scan that compares those stamps with the files and asks the evaluation
 * pool for what changed. Owned by the monitor thread (not thread-safe): the pool's results come back through the
 * monitor's inbox and are recorded here by that thread.
 */
final class LocalObjects {
    /** Folder times this close to a scan are not trusted (as om.core's listing of etc/ does). */
    static final Duration RACY = Duration.ofMillis(100);

    /** One local object. */
    static final class Entry {
        final ObjectPath path;
        final String key;
        final Path configFile;
        final Path varDir;
        ObjectFacts facts;
        Stamp configStamp;
        Stamp statusStamp;
        Stamp frozenStamp;
        Stamp expectStamp;
        /**
         * The instance folder as it was when its files were last compared; null: compare them at the next scan.
         * Every write there (status cache, instance flags) renames or removes a file, which moves the folder's
         * time: an unchanged folder spares the three stats of its files (two of them usually missing).
         */
        Stamp varDirStamp;
        String localExpect = "none";
        boolean loadAsked;
        String error;

        Entry(ObjectPath path, Path configFile, Path varDir) {
            this.path = path;
            this.key = path.canonical();
            this.configFile = configFile;
            this.varDir = varDir;
        }

        /** The stamps of the instance files a result was read from. */
        void instanceRead(Evaluator.Result r) {
            statusStamp = r.statusStamp();
            frozenStamp = r.frozenStamp();
            expectStamp = r.expectStamp();
        }
    }

    private final Installation installation;
    private final ObjectStore store;
    private final Evaluations pool;
    private final Map<ObjectPath, Entry> entries = new HashMap<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    private final Clock clock;
    /** The listing of the last scan: the store hands the very same list back while etc/ did not change. */
    private List<ObjectPath> listed;

    LocalObjects(Installation installation, ObjectStore store, Evaluations pool, Clock clock) {
        this.installation = installation;
        this.store = store;
        this.pool = pool;
        this.clock = clock;
    }

    Entry get(ObjectPath p) {
        return entries.get(p);
    }

    /** By canonical path; null for an object no local config describes. */
    Entry get(String key) {
        return byKey.get(key);
    }

    Set<String> keys() {
        return byKey.keySet();
    }

    int size() {
        return entries.size();
    }

    void remove(Entry e) {
        entries.remove(e.path, e);
        byKey.remove(e.key, e);
    }

    /**
     * Compares the file stamps of the objects the store lists ({@code paths}: every object, services and others)
     * with what their entries were read from, and asks the pool to read what changed (a config: reloaded, then its
     * status; an instance file: its status read again). An idle pass costs two stats per object (the config file
     * and the instance folder) and allocates nothing per object.
     *
     * @return the entries of the objects no longer listed, removed from here
     */
    List<Entry> scan(List<ObjectPath> paths) {
        boolean sameListing = paths == listed;
        listed = paths;
        long racyBefore = clock.millis() - RACY.toMillis();
        for (ObjectPath p : paths) {
            // the cluster and namespace configs are no services: no instance, no object status
            if (!LocalInstances.published(p)) {
                continue;
            }
            Entry e = entries.get(p);
            if (e == null) {
                e = new Entry(p, store.configFile(p), installation.varDir(p));
                entries.put(p, e);
                byKey.put(e.key, e);
            }
            boolean first = e.facts == null && e.error == null;
            if (first || !Objects.equals(Stamp.of(e.configFile), e.configStamp)) {
                if (!e.loadAsked) {
                    e.loadAsked = true;
                    // an object seen for the first time (a daemon start) is evaluated in full at once, which is
                    // the scheduler's status job run (its last run is the evaluation time), instead of a cache
                    // read followed by an evaluation (every object handled twice by the pool, the monitor thread
                    // and the peers while the node rejoins)
                    pool.submit(p, Evaluations.LOAD | (first ? Evaluations.REFRESH : Evaluations.READ));
                }
            } else if (instanceFilesChanged(e, racyBefore)) {
                pool.submit(p, Evaluations.READ);
            }
        }
        if (sameListing) {
            return List.of();
        }
        Set<ObjectPath> seen = new HashSet<>(paths);
        List<Entry> gone = new ArrayList<>();
        entries.values().removeIf(e -> {
            if (seen.contains(e.path)) {
                return false;
            }
            byKey.remove(e.key, e);
            gone.add(e);
            return true;
        });
        return gone;
    }

    /**
     * Whether the instance files (status cache, frozen, local expect) differ from what was read. The folder is
     * stamped before its files: a write after that moves its time again, and is seen at the next scan. A folder
     * time closer than {@link #RACY} to the scan is not trusted (the kernel stamps with a coarse clock: a second
     * write in the same tick would not move it) and the files are compared again next time.
     */
    private static boolean instanceFilesChanged(Entry e, long racyBefore) {
        Stamp dir = Stamp.of(e.varDir);
        if (dir != null && dir.equals(e.varDirStamp)) {
            return false;
        }
        boolean changed = !Objects.equals(Stamp.of(e.varDir.resolve(Monitor.STATUS)), e.statusStamp)
                || !Objects.equals(Stamp.of(e.varDir.resolve(Monitor.FROZEN)), e.frozenStamp)
                || !Objects.equals(Stamp.of(e.varDir.resolve(Monitor.LOCAL_EXPECT)), e.expectStamp);
        e.varDirStamp = dir == null || dir.mtime().toMillis() >= racyBefore ? null : dir;
        return changed;
    }
}
