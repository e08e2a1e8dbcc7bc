package om.log.internal.collector;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.api.SinkHealth;
import om.log.internal.HealthSource;
import om.log.internal.LogSink;
import om.log.internal.SinkCounters;
import om.log.internal.settings.CollectorConfig;
import om.log.internal.settings.LogSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code collector} thread: posts the spooled calls in order, one at a time, to the collector's XML-RPC
 * endpoint. A call leaves the spool only once the collector answered it (a fault answer counts as an error and is
 * not retried: resending would fail the same way); a transport error or an HTTP error status keeps it and retries
 * after a backoff doubling from 1 s to 60 s. Only the process holding {@code spool/.lock} delivers, so the CLI
 * and the daemon never send a call twice; a CLI process without a daemon delivers while it lives. The first
 * failure of a streak and the recovery are written to {@code log/node.log} (through the file sink only).
 */
@Component(service = {CollectorDelivery.class, HealthSource.class}, immediate = true)
public final class CollectorDelivery implements HealthSource {
    private final LogSettings settings;
    private final Spool spool;
    private final LogSink nodeLog;
    private final Clock clock;
    private final Duration poll;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final HttpClient http;
    private final SinkCounters counters;
    private final Thread thread;
    private volatile boolean running = true;

    private FileChannel lockChannel;
    private FileLock lock;
    private boolean failing;

    @Activate
    public CollectorDelivery(@Reference LogSettings settings, @Reference Spool spool,
                             @Reference(target = "(" + LogSink.PROPERTY + "=file)") LogSink nodeLog) {
        this(settings, spool, nodeLog, Clock.systemDefaultZone(), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(60));
    }

    public CollectorDelivery(LogSettings settings, Spool spool, LogSink nodeLog, Clock clock, Duration poll,
                             Duration backoffMin, Duration backoffMax) {
        this.settings = settings;
        this.spool = spool;
        this.nodeLog = nodeLog;
        this.clock = clock;
        this.poll = poll;
        this.backoffMin = backoffMin;
        this.backoffMax = backoffMax;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.counters = new SinkCounters("collector.delivery", clock);
        this.thread = new Thread(this::run, "collector");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Deactivate
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration backoff = backoffMin;
        try {
            while (running) {
                backoff = step(backoff);
            }
        } catch (InterruptedException e) {
            // deactivated
        } finally {
            release(true);
        }
    }

    /** One turn of the loop; returns the backoff for the next failure. */
    private Duration step(Duration backoff) throws InterruptedException {
        try {
            CollectorConfig cfg = settings.current().collector();
            if (cfg == null || !holdLock()) {
                release(cfg == null);
                // disabled, or another process delivers: look again later
                spool.await(cfg == null ? poll.toMillis() : poll.toMillis() * 5);
                return backoff;
            }
            Path next = spool.pending().stream().findFirst().orElse(null);
            if (next == null) {
                spool.await(poll.toMillis());
                return backoff;
            }
            if (deliver(cfg, next)) {
                return backoffMin;
            }
        } catch (IOException | RuntimeException e) {
            counters.error(e);
        }
        Thread.sleep(backoff.toMillis());
        Duration twice = backoff.multipliedBy(2);
        return twice.compareTo(backoffMax) > 0 ? backoffMax : twice;
    }

    /** Sends one spooled call; false when it must be retried. */
    private boolean deliver(CollectorConfig cfg, Path file) throws InterruptedException {
        String body;
        try {
            body = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            counters.error(e);
            return false;
        }
        String method = XmlRpc.methodOf(body);
        try {
            HttpRequest req = HttpRequest.newBuilder(cfg.endpoint()).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() / 100 != 2) {
                return failed(method + ": HTTP " + resp.statusCode() + " from " + cfg.endpoint());
            }
            String fault = XmlRpc.fault(resp.body());
            Files.deleteIfExists(file);
            if (fault != null) {
                counters.error("collector rejected " + method + ": " + fault);
            } else {
                counters.written();
            }
            if (failing) {
                failing = false;
                nodeLog(Level.INFO, "collector: delivery resumed to " + cfg.endpoint() + ", " + spool.size()
                        + " calls pending");
            }
            return true;
        } catch (IOException e) {
            return failed(method + ": " + SinkCounters.describe(e) + " (" + cfg.endpoint() + ")");
        }
    }

    private boolean failed(String message) {
        counters.error(message);
        if (!failing) {
            failing = true;
            nodeLog(Level.WARN, "collector: delivery failed, will retry: " + message);
        }
        return false;
    }

    private void nodeLog(Level level, String message) {
        nodeLog.accept(new LogEvent(clock.instant(), level, settings.nodename(), null, null, null, message, null,
                null, false, "collector"));
    }

    private boolean holdLock() {
        if (lock != null && lock.isValid()) {
            return true;
        }
        try {
            Files.createDirectories(spool.dir());
            if (lockChannel == null) {
                lockChannel = FileChannel.open(spool.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            lock = lockChannel.tryLock();
            return lock != null;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    private void release(boolean closeChannel) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (closeChannel && lockChannel != null) {
                lockChannel.close();
                lockChannel = null;
            }
        } catch (IOException e) {
            // closing a lock file cannot fail in a way that matters
        } finally {
            lock = null;
        }
    }

    @Override
    public SinkHealth health() {
        return counters.snapshot(settings.current().collector() != null, spool.size());
    }
}
