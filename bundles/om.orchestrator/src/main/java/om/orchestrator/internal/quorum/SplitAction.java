package om.orchestrator.internal.quorum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import om.api.status.Level;

/**
 * {@code node.split_action} (heartbeats-and-daemon section 1): {@code crash}, {@code reboot} or {@code disabled}.
 * A test hook (the Config Admin configuration {@link QuorumWatch#PID}, {@code crash.command} and
 * {@code reboot.command}) replaces the host's crash and reboot by a command line; without it, crash writes
 * {@code c} to {@code /proc/sysrq-trigger} (an immediate kernel crash, as OpenSVC does) and reboot runs
 * {@code reboot}. {@code disabled} only logs.
 */
final class SplitAction {
    static final String CRASH = "crash";
    static final String REBOOT = "reboot";
    static final String DISABLED = "disabled";
    /** A hook command or {@code reboot} that does not end within this is killed. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The host's own crash and reboot; tests pass one that records (the real one must never run there). */
    interface Host {
        void crash() throws IOException;

        void reboot() throws IOException;
    }

    /** This machine: the kernel's sysrq crash and the {@code reboot} command. */
    static final Host MACHINE = new Host() {
        @Override
        public void crash() throws IOException {
            Files.writeString(Path.of("/proc/sysrq-trigger"), "c", StandardCharsets.US_ASCII);
        }

        @Override
        public void reboot() throws IOException {
            Shell.Result r = Shell.run("reboot", TIMEOUT, Map.of());
            if (!r.ok()) {
                throw new IOException("reboot: exit " + r.exit() + (r.output().isEmpty() ? "" : ": " + r.output()));
            }
        }
    };

    /** The hook's command lines, empty when not configured. */
    record Hook(String crashCommand, String rebootCommand) {
        static final Hook NONE = new Hook("", "");

        Hook {
            crashCommand = crashCommand == null ? "" : crashCommand.strip();
            rebootCommand = rebootCommand == null ? "" : rebootCommand.strip();
        }
    }

    private SplitAction() {
    }

    /** Runs {@code action}; what happened is logged, nothing is thrown. */
    static void run(String action, Hook hook, Host host, Log log, String node) {
        String a = action == null ? CRASH : action.strip();
        switch (a) {
            case DISABLED -> log.log(Level.WARN, "split_action disabled: nothing done");
            case REBOOT -> act(REBOOT, hook.rebootCommand(), host::reboot, log, node);
            case CRASH -> act(CRASH, hook.crashCommand(), host::crash, log, node);
            default -> {
                // validation refuses it; a file edited behind its back still must not leave a split node running
                log.log(Level.ERROR, "split_action " + a + " is not crash, reboot or disabled: crash");
                act(CRASH, hook.crashCommand(), host::crash, log, node);
            }
        }
    }

    private interface Deed {
        void run() throws IOException;
    }

    private static void act(String what, String hookCommand, Deed own, Log log, String node) {
        if (!hookCommand.isEmpty()) {
            log.log(Level.WARN, "split_action " + what + " through the test hook: " + hookCommand);
            Shell.Result r = Shell.run(hookCommand, TIMEOUT, Map.of("OM_SPLIT_ACTION", what, "OM_NODENAME", node));
            if (!r.output().isEmpty()) {
                log.log(r.ok() ? Level.INFO : Level.WARN, "split_action " + what + ": | " + r.output());
            }
            if (!r.ok()) {
                log.log(Level.ERROR, "split_action " + what + ": hook failed: "
                        + (r.timedOut() ? "timeout" : "exit " + r.exit()));
            }
            return;
        }
        log.log(Level.ERROR, "split_action " + what + ": now");
        try {
            own.run();
        } catch (IOException | RuntimeException e) {
            log.log(Level.ERROR, "split_action " + what + " failed: " + e.getMessage());
        }
    }
}
