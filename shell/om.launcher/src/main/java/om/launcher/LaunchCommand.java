package om.launcher;

import java.util.List;

/** What the launcher was asked to do: its first argument names the mode. */
sealed interface LaunchCommand {
    String USAGE = "usage: om.launcher.Main omd [--daemon | --shell] | client [ARGS...]";

    /** {@code omd}: the node daemon, in the foreground, detached ({@code --daemon}) or with the Gogo shell. */
    record Omd(boolean detach, boolean shell) implements LaunchCommand {
    }

    /** {@code client ARGS...}: one om command line, through the daemon or in an embedded framework. */
    record Client(List<String> args) implements LaunchCommand {
        public Client {
            args = List.copyOf(args);
        }
    }

    static LaunchCommand parse(List<String> argv) throws UsageException {
        if (argv.isEmpty()) {
            throw new UsageException("missing mode");
        }
        List<String> rest = argv.subList(1, argv.size());
        return switch (argv.get(0)) {
            case "client" -> new Client(rest);
            case "omd" -> parseOmd(rest);
            default -> throw new UsageException("unknown mode '" + argv.get(0) + "'");
        };
    }

    private static Omd parseOmd(List<String> options) throws UsageException {
        boolean detach = false;
        boolean shell = false;
        for (String o : options) {
            switch (o) {
                case "--daemon" -> detach = true;
                case "--shell" -> shell = true;
                default -> throw new UsageException("unknown omd option '" + o + "'");
            }
        }
        if (detach && shell) {
            throw new UsageException("--daemon and --shell exclude each other");
        }
        return new Omd(detach, shell);
    }

    /** A command line the launcher cannot understand; the message is one line. */
    final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
