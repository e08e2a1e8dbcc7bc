package om.log.internal.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** A second writer process for {@link RotatingWriterTest}: appends numbered lines through {@link RotatingWriter}. */
public final class WriterProcess {
    static final long MAX_SIZE = 64 * 1024;
    static final int KEEP = 60;
    private static final String PAD = "x".repeat(80);

    private WriterProcess() {
    }

    static String line(String tag, int i) {
        return tag + "-" + String.format("%06d", i) + "-" + PAD + "-end";
    }

    static boolean valid(String l) {
        return l.matches("[ABC]-\\d{6}-" + PAD + "-end");
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String tag = args[1];
        int n = Integer.parseInt(args[2]);
        RotatingWriter w = new RotatingWriter(Clock.systemDefaultZone());
        for (int i = 0; i < n; i++) {
            w.append(file, (line(tag, i) + "\n").getBytes(StandardCharsets.UTF_8), MAX_SIZE, KEEP);
        }
    }
}
