package om.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/** Drains process pipes on their own threads, so that a full stderr pipe never blocks a child writing stdout. */
final class Streams {
    private Streams() {
    }

    static Future<String> readInBackground(InputStream in, String threadName) {
        FutureTask<String> task = new FutureTask<>(() -> readAll(in));
        Thread t = new Thread(task, threadName);
        // a daemon a test started may hold the pipe forever: never let that keep the test JVM alive
        t.setDaemon(true);
        t.start();
        return task;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills what the process started, then the process: a timed-out child must not outlive the test. */
    static void killTree(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
    }
}
