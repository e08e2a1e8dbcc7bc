package om.core.internal.store;

import java.nio.file.Path;
import java.time.Duration;
import om.api.Installation;
import om.core.internal.action.ObjectLocks;

/**
 * The config lock: every write of a file under {@code etc/} is a read-modify-write under it, so that concurrent
 * writers (CLI processes without a daemon, the daemon's threads) never lose each other's changes. Same mechanism
 * as the action locks (an OS lock on a lock file behind the JVM-wide in-process lock), on its own file:
 * {@code var/lock/config/<path of the config under etc>.lock}. The lock files stay when an object is deleted:
 * a lock file removed while a waiter has it open would let a third writer lock a new file alongside the waiter;
 * they are empty but for the holder's pid and reused when the name comes back.
 */
public final class ConfigLocks {
    /** Writes take milliseconds: waiting this long means a writer is stuck, and saying so beats waiting on. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final Installation inst;
    private final ObjectLocks locks = new ObjectLocks();

    public ConfigLocks(Installation inst) {
        this.inst = inst;
    }

    /** The lock file of a config file (anything under etc/, node.conf and cluster.conf included). */
    public Path lockFile(Path configFile) {
        Path etc = inst.etc().toAbsolutePath().normalize();
        Path f = configFile.toAbsolutePath().normalize();
        Path rel = f.startsWith(etc) ? etc.relativize(f) : Path.of("other").resolve(f.getFileName());
        return inst.var().resolve("lock").resolve("config").resolve(rel + ".lock");
    }

    /**
     * Holds the config lock of configFile until closed.
     *
     * @param what the object path or file name, for the timeout message
     */
    public ObjectLocks.Held hold(Path configFile, String what) {
        return locks.acquire(lockFile(configFile), what, "config", "-", WAIT);
    }
}
