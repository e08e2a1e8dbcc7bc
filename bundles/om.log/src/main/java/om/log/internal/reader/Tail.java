package om.log.internal.reader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import om.log.internal.file.LogFiles;

/**
 * Follows a log file from its start: polls for appended bytes, hands on complete lines only, and when the file is
 * rotated (another inode at the path) drains the rest of the old one (now {@code <file>.1}) before starting on
 * the new one.
 */
final class Tail implements Runnable {
    private final Path file;
    private final LogReaderImpl.LineParser parser;
    private final Duration poll;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile boolean running = true;
    private Object key;
    private long position;

    Tail(Path file, LogReaderImpl.LineParser parser, Duration poll) {
        this.file = file;
        this.parser = parser;
        this.poll = poll;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                step();
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the file may come and go with rotation: try again next poll
            }
        }
    }

    void step() throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        }
        if (key != null && !Objects.equals(key, a.fileKey())) {
            Path old = LogFiles.rotated(file, 1);
            try {
                if (Objects.equals(key, Files.readAttributes(old, BasicFileAttributes.class).fileKey())) {
                    drain(old);
                }
            } catch (NoSuchFileException e) {
                // rotated twice since the last poll: those lines are beyond reach of a tail
            }
            position = 0;
            partial.reset();
        }
        key = a.fileKey();
        if (a.size() < position) {
            position = 0;
            partial.reset();
        }
        if (a.size() > position) {
            drain(file);
        }
    }

    private void drain(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            ch.position(position);
            int n;
            while ((n = ch.read(buf)) > 0) {
                position += n;
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        parser.line(partial.toString(StandardCharsets.UTF_8));
                        partial.reset();
                    } else {
                        partial.write(b);
                    }
                }
                buf.clear();
            }
        }
    }
}
