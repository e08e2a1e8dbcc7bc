package om.log.internal.syslog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import om.api.action.LogEvent;
import om.log.api.SinkHealth;
import om.log.internal.HealthSource;
import om.log.internal.LogSink;
import om.log.internal.SinkCounters;
import om.log.internal.settings.LogSettings;
import om.log.internal.settings.SyslogConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Syslog, on while node.conf has a {@code [syslog]} section. The caller only queues the line (bounded, 1000; a
 * full queue drops the new line and counts it); the {@code syslog} thread formats and sends, and rebuilds its
 * transport when {@code [syslog]} changes or after a send error.
 */
@Component(service = {LogSink.class, HealthSource.class}, property = LogSink.PROPERTY + "=syslog")
public final class SyslogSink implements LogSink {
    static final int QUEUE = 1000;

    private record Item(LogEvent event, SyslogConfig config) {
    }

    private final LogSettings settings;
    private final Clock clock;
    private final long pid = ProcessHandle.current().pid();
    private final SinkCounters counters;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread sender;
    private volatile boolean running = true;

    private SyslogTransport transport;
    private SyslogConfig transportConfig;

    @Activate
    public SyslogSink(@Reference LogSettings settings) {
        this(settings, Clock.systemDefaultZone());
    }

    public SyslogSink(LogSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.counters = new SinkCounters("syslog", clock);
        this.sender = new Thread(this::run, "syslog");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    @Override
    public void accept(LogEvent event) {
        SyslogConfig cfg = settings.current().syslog();
        if (cfg == null || event.level().compareTo(cfg.minLevel()) < 0) {
            return;
        }
        if (!queue.offer(new Item(event, cfg))) {
            counters.dropped(1);
        }
    }

    @Deactivate
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                Item item = queue.poll(500, TimeUnit.MILLISECONDS);
                if (item != null) {
                    send(item);
                }
            }
        } catch (InterruptedException e) {
            // deactivated
        } finally {
            closeTransport();
        }
    }

    private void send(Item item) {
        try {
            SyslogTransport t = transport(item.config());
            t.send(SyslogMessage.of(item.event(), item.config(), settings.nodename(), pid, clock.getZone()));
            counters.written();
        } catch (IOException | RuntimeException e) {
            counters.error((transport == null ? "" : transport.describe() + ": ") + SinkCounters.describe(e));
            closeTransport();
        }
    }

    private SyslogTransport transport(SyslogConfig cfg) throws IOException {
        if (transport != null && cfg.equals(transportConfig)) {
            return transport;
        }
        closeTransport();
        transport = open(cfg);
        transportConfig = cfg;
        return transport;
    }

    static SyslogTransport open(SyslogConfig cfg) throws IOException {
        if (cfg.host() != null) {
            return new UdpTransport(cfg.host(), cfg.port());
        }
        Path socket = Path.of(cfg.socket());
        if (!java.nio.file.Files.exists(socket)) {
            throw new IOException("no syslog socket " + socket);
        }
        try {
            return new UnixStreamTransport(socket);
        } catch (IOException e) {
            // the usual datagram /dev/log (or no socket yet): logger reports what is really wrong
            return new LoggerTransport(socket, cfg.rfc3164());
        }
    }

    private void closeTransport() {
        if (transport != null) {
            transport.close();
            transport = null;
            transportConfig = null;
        }
    }

    @Override
    public SinkHealth health() {
        return counters.snapshot(settings.current().syslog() != null, queue.size());
    }
}
