package om.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One command line and the caller's terminal, as the client sends it to the daemon. */
record ClientRequest(List<String> args, Path cwd, Map<String, String> env, boolean tty, int width) {
    /** Forwarded besides every OM_* variable: what rendering and the command's context depend on. */
    static final Set<String> FORWARDED_ENV = Set.of("NO_COLOR", "TERM", "COLUMNS", "LANG", "LC_ALL", "USER", "HOME",
            "PATH", "OM_NODENAME");

    ClientRequest {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** The request of this process: its cwd, the forwarded part of its environment, its terminal. */
    static ClientRequest ofProcess(List<String> args, Map<String, String> env, boolean tty) {
        return new ClientRequest(args, Path.of("").toAbsolutePath(), forwardedEnv(env), tty, width(env));
    }

    static Map<String, String> forwardedEnv(Map<String, String> env) {
        Map<String, String> kept = new TreeMap<>();
        env.forEach((k, v) -> {
            if (FORWARDED_ENV.contains(k) || k.startsWith("OM_")) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /** Java cannot ask the terminal its size; COLUMNS is what shells export. */
    static int width(Map<String, String> env) {
        try {
            return Math.max(0, Integer.parseInt(env.getOrDefault("COLUMNS", "0").trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
