package om.log.internal.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import om.api.Installation;
import om.api.action.LogEvent;
import om.log.api.SinkHealth;
import om.log.internal.HealthSource;
import om.log.internal.LogSink;
import om.log.internal.SinkCounters;
import om.log.internal.settings.LogConfig;
import om.log.internal.settings.LogSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The object and node log files: always on, rotation limits from {@code [log] max_size} and {@code [log] keep}.
 * Writes synchronously (the line is on disk when the action goes on); an I/O error such as a full disk is counted
 * and the line is lost for this sink only.
 */
@Component(service = {LogSink.class, HealthSource.class}, property = LogSink.PROPERTY + "=file")
public final class FileSink implements LogSink {
    private final Installation installation;
    private final LogSettings settings;
    private final Clock clock;
    private final RotatingWriter writer;
    private final SinkCounters counters;

    @Activate
    public FileSink(@Reference Installation installation, @Reference LogSettings settings) {
        this(installation, settings, Clock.systemDefaultZone());
    }

    public FileSink(Installation installation, LogSettings settings, Clock clock) {
        this.installation = installation;
        this.settings = settings;
        this.clock = clock;
        this.writer = new RotatingWriter(clock);
        this.counters = new SinkCounters("file", clock);
    }

    @Override
    public void accept(LogEvent event) {
        try {
            LogConfig cfg = settings.current();
            Path file = LogFiles.orNodeLog(installation, event.path());
            byte[] data = LineFormat.format(event, clock.getZone()).getBytes(StandardCharsets.UTF_8);
            writer.append(file, data, cfg.maxSize(), cfg.keep());
            counters.written();
        } catch (IOException | RuntimeException e) {
            counters.error(e);
        }
    }

    @Override
    public SinkHealth health() {
        return counters.snapshot(true, 0);
    }
}
