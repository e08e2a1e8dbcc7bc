package om.launcher;

import java.nio.file.Path;

/** A separate process holding a root lock until its stdin closes (the lock is per process). */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RootLock lock = RootLock.acquire(Path.of(args[0]), Path.of(args[1]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our stdin or kills us
            }
        }
    }

    /** Starts a holder of {@code layout}'s lock and waits until it holds it. */
    static Process start(Layout layout) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), layout.lockFile().toString(),
                layout.root().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (!"locked".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("lock holder did not start: " + line);
        }
        return p;
    }
}
