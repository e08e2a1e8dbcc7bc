package om.log.internal.collector;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import om.api.Installation;
import om.api.io.AtomicFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The collector calls waiting for delivery, one file per call under {@code var/collector/spool/}, shared by every
 * process of the node. File names {@code <µs since epoch>-<pid>-<seq>.xml} (fixed-width hex) sort in the order the
 * calls were made; a file appears whole (written aside, then renamed). Beyond {@code bound} files the oldest are
 * deleted and counted as dropped.
 */
@Component(service = Spool.class)
public final class Spool {
    public static final int BOUND = 1000;
    private static final String SUFFIX = ".xml";

    private final Path dir;
    private final int bound;
    private final Clock clock;
    private final long pid = ProcessHandle.current().pid();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private long lastMicros;
    private long seq;

    @Activate
    public Spool(@Reference Installation installation) {
        this(installation.var().resolve("collector").resolve("spool"), BOUND, Clock.systemUTC());
    }

    public Spool(Path dir, int bound, Clock clock) {
        this.dir = dir;
        this.bound = bound;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** Persists one call; returns how many older calls were dropped to stay within the bound. */
    public int add(String body) throws IOException {
        lock.lock();
        try {
            Files.createDirectories(dir);
            Instant now = clock.instant();
            long micros = Math.max(lastMicros, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
            lastMicros = micros;
            String name = String.format("%016x-%08x-%08x", micros, pid, seq++);
            AtomicFile.write(dir.resolve(name + SUFFIX), body);
            added.signalAll();
            return trim();
        } finally {
            lock.unlock();
        }
    }

    private int trim() throws IOException {
        List<Path> all = pending();
        int dropped = 0;
        for (int i = 0; i < all.size() - bound; i++) {
            try {
                Files.delete(all.get(i));
                dropped++;
            } catch (NoSuchFileException e) {
                // delivered or trimmed by another process meanwhile
            }
        }
        return dropped;
    }

    /** The spooled calls, oldest first. */
    public List<Path> pending() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    public int size() {
        try {
            return pending().size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Waits until a call is added by this process, or the timeout. */
    public void await(long millis) throws InterruptedException {
        lock.lock();
        try {
            added.await(millis, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** The file that serializes delivery between processes. */
    Path lockFile() {
        return dir.resolve(".lock");
    }
}
