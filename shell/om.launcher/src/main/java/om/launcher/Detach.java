package om.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code omd --daemon}: starts the same daemon detached from the terminal and waits until it answers. */
final class Detach {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private Detach() {
    }

    static int run(Layout layout, PrintStream err) {
        // the lock, not the socket, says whether a daemon runs: its bridge may be stopped; one that is stopping
        // is waited for
        RootLock.awaitStopped(layout.lockFile(), RootLock.STOP_WAIT);
        if (refuseIfLocked(layout, err)) {
            return 1;
        }
        Path out = layout.log().resolve("omd.out");
        Process process;
        long from;
        try {
            // the daemon's output may hold what its logs hold: private like them (folder 0700, file 0600)
            privateOutput(layout.log(), out);
            from = Files.size(out);
            ProcessBuilder pb = new ProcessBuilder(withSetsid(relaunchCommand(ProcessHandle.current().info())));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
            pb.redirectErrorStream(true);
            process = pb.start();
        } catch (IOException e) {
            err.println("error: cannot start the daemon: " + e.getMessage());
            return 1;
        }
        return awaitReady(layout, process, out, from, err);
    }

    private static int awaitReady(Layout layout, Process process, Path out, long from, PrintStream err) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (BridgeClient.answers(layout.socket())) {
                return 0;
            }
            // setsid may fork and exit 0 at once: only a failing exit means the daemon died
            if (!process.isAlive() && process.exitValue() != 0) {
                // lost a race with another start: say who won, as the daemon itself does
                if (refuseIfLocked(layout, err)) {
                    return 1;
                }
                // the daemon's own one-line reason (a malformed cluster.conf...), else where to look
                err.println(lastError(out, from).orElse("error: the daemon exited with code " + process.exitValue()
                        + " (see " + out + ")"));
                return 1;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        err.println("error: the daemon did not answer within " + READY_TIMEOUT.toSeconds() + "s (see " + out + ")");
        return 1;
    }

    /** The last {@code error: } line the daemon wrote to its output since {@code from}. */
    static Optional<String> lastError(Path out, long from) {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(out.toFile(), "r")) {
            long size = f.length();
            // a refusal is the daemon's last words: the tail is enough
            long start = Math.max(from, size - 64 * 1024);
            byte[] b = new byte[(int) Math.max(0, size - start)];
            f.seek(start);
            f.readFully(b);
            String found = null;
            for (String line : new String(b, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("error: ")) {
                    found = line;
                }
            }
            return Optional.ofNullable(found);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Creates {@code dir} (0700) and {@code file} (0600) if missing, with their modes set at creation. */
    static void privateOutput(Path dir, Path file) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(Platform.PRIVATE_DIR));
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // appended to, as before
        }
    }

    /** Prints the one-line refusal and returns true when another daemon holds the root. */
    static boolean refuseIfLocked(Layout layout, PrintStream err) {
        OptionalLong holder = RootLock.holder(layout.lockFile());
        if (holder.isEmpty()) {
            return false;
        }
        err.println("error: " + new RootLock.HeldException(layout.root(), holder).getMessage());
        return true;
    }

    /** This JVM's own command line (same JVM options and classpath) without {@code --daemon}. */
    static List<String> relaunchCommand(ProcessHandle.Info self) {
        Optional<String> command = self.command();
        Optional<String[]> arguments = self.arguments();
        if (command.isPresent() && arguments.isPresent()) {
            return relaunchCommand(command.get(), List.of(arguments.get()));
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "omd");
    }

    static List<String> relaunchCommand(String command, List<String> arguments) {
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        arguments.stream().filter(a -> !a.equals("--daemon")).forEach(cmd::add);
        return cmd;
    }

    /** A new session: the daemon survives the terminal that started it (no SIGHUP, no job control). */
    static List<String> withSetsid(List<String> command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path setsid = Path.of(dir.isEmpty() ? "." : dir, "setsid");
            if (Files.isExecutable(setsid)) {
                List<String> cmd = new ArrayList<>(command.size() + 1);
                cmd.add(setsid.toString());
                cmd.addAll(command);
                return cmd;
            }
        }
        return command;
    }
}
