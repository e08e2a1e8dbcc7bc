package om.log.internal.reader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import om.api.Installation;
import om.api.ObjectPath;
import om.log.api.LogLine;
import om.log.api.LogReader;
import om.log.internal.file.LineFormat;
import om.log.internal.file.LogFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads log files back for {@code om <path> logs} and {@code om node logs}: the rotated files oldest first
 * ({@code <file>.N} .. {@code <file>.1}), then the live file. A line that does not parse (written by hand, or
 * foreign) is kept as a message with the time and level of the line before it.
 */
@Component(service = LogReader.class)
public final class LogReaderImpl implements LogReader {
    static final int MAX_ROTATED = 99;

    private final Installation installation;
    private final ZoneId zone;
    private final Duration poll;

    @Activate
    public LogReaderImpl(@Reference Installation installation) {
        this(installation, ZoneId.systemDefault(), Duration.ofMillis(250));
    }

    public LogReaderImpl(Installation installation, ZoneId zone, Duration poll) {
        this.installation = installation;
        this.zone = zone;
        this.poll = poll;
    }

    Path file(ObjectPath path) {
        return path == null ? installation.log().resolve(LogFiles.NODE_LOG) : installation.logFile(path);
    }

    @Override
    public List<LogLine> read(ObjectPath path, Instant since) {
        Path file = file(path);
        List<LogLine> out = new ArrayList<>();
        LineParser parser = new LineParser(zone, since, out::add);
        for (Path p : rotated(file)) {
            parser.all(p);
        }
        parser.all(file);
        return out;
    }

    @Override
    public Follow follow(ObjectPath path, Instant since, Consumer<LogLine> callback) {
        Path file = file(path);
        LineParser parser = new LineParser(zone, since, callback);
        Tail tail = new Tail(file, parser, poll);
        Thread t = new Thread(() -> {
            for (Path p : rotated(file)) {
                parser.all(p);
            }
            tail.run();
        }, "log-follow");
        t.setDaemon(true);
        t.start();
        return () -> {
            tail.stop();
            t.interrupt();
        };
    }

    /** Rotated files that exist, oldest first. */
    static List<Path> rotated(Path file) {
        List<Path> out = new ArrayList<>();
        for (int i = 1; i <= MAX_ROTATED; i++) {
            Path p = LogFiles.rotated(file, i);
            if (!Files.exists(p)) {
                break;
            }
            out.add(0, p);
        }
        return out;
    }

    /** Turns text lines into {@link LogLine}s, filtering by time, and hands them on. */
    static final class LineParser {
        private final ZoneId zone;
        private final Instant since;
        private final Consumer<LogLine> out;
        private LogLine previous;

        LineParser(ZoneId zone, Instant since, Consumer<LogLine> out) {
            this.zone = zone;
            this.since = since;
            this.out = out;
        }

        void all(Path p) {
            try {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                for (String line : text.split("\n")) {
                    line(line);
                }
            } catch (NoSuchFileException e) {
                // rotated away between listing and reading: its lines are in the next file
            } catch (IOException e) {
                // unreadable file: show what the others hold
            }
        }

        void line(String text) {
            if (text.isEmpty()) {
                return;
            }
            LogLine l = LineFormat.parse(text, zone);
            if (l == null) {
                l = previous == null
                        ? new LogLine(null, om.api.status.Level.INFO, null, null, null, null, null, null, false, text,
                        text)
                        : new LogLine(previous.at(), previous.level(), previous.sid(), previous.node(),
                        previous.component(), previous.path(), previous.subset(), previous.rid(), previous.scheduled(),
                        text, text);
            }
            previous = l;
            if (since == null || (l.at() != null && !l.at().isBefore(since))) {
                out.accept(l);
            }
        }
    }
}
