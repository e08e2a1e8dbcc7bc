package om.daemon.internal.monitor;

import java.nio.file.Path;
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
    /** One local object. */
    static final class Entry {
        final ObjectPath path;
        final String key;
        ObjectFacts facts;
        Stamp configStamp;
        Stamp statusStamp;
        Stamp frozenStamp;
        Stamp expectStamp;
        String localExpect = "none";
        boolean loadAsked;
        String error;

        Entry(ObjectPath path) {
            this.path = path;
            this.key = path.canonical();
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

    LocalObjects(Installation installation, ObjectStore store, Evaluations pool) {
        this.installation = installation;
        this.store = store;
        this.pool = pool;
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
     * Compares the file stamps of the objects the store lists ({@code paths}: services only) with what their
     * entries were read from, and asks the pool to read what changed (a config: reloaded, then its status; an
     * instance file: its status read again).
     *
     * @return the entries of the objects no longer listed, removed from here
     */
    List<Entry> scan(List<ObjectPath> paths) {
        Set<ObjectPath> seen = new HashSet<>(paths);
        for (ObjectPath p : paths) {
            Entry e = entries.computeIfAbsent(p, k -> {
                Entry n = new Entry(k);
                byKey.put(n.key, n);
                return n;
            });
            Path varDir = installation.varDir(p);
            if (e.facts == null && e.error == null || !Objects.equals(Stamp.of(store.configFile(p)), e.configStamp)) {
                if (!e.loadAsked) {
                    e.loadAsked = true;
                    pool.submit(p, Evaluations.LOAD | Evaluations.READ);
                }
            } else if (!Objects.equals(Stamp.of(varDir.resolve(Monitor.STATUS)), e.statusStamp)
                    || !Objects.equals(Stamp.of(varDir.resolve(Monitor.FROZEN)), e.frozenStamp)
                    || !Objects.equals(Stamp.of(varDir.resolve(Monitor.LOCAL_EXPECT)), e.expectStamp)) {
                pool.submit(p, Evaluations.READ);
            }
        }
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
}
