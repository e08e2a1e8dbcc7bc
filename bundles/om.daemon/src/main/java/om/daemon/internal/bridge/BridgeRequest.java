package om.daemon.internal.bridge;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a client sent before {@code G}: the command line and the caller's terminal facts. */
record BridgeRequest(List<String> args, Path cwd, Map<String, String> env, boolean tty, int width) {
    static final String PROTOCOL_VERSION = "1";
    /** A command line is small; this bounds what one connection can make the daemon hold. */
    private static final int MAX_FRAMES = 100_000;

    BridgeRequest {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /**
     * Reads request frames up to {@code G}. Unknown frame types are skipped so a newer client can add facts.
     *
     * @param defaultCwd used when the client sent no (or an invalid) {@code C} frame
     */
    static BridgeRequest read(FrameReader reader, Path defaultCwd) throws IOException {
        Frame first = reader.read();
        if (first == null) {
            throw new ProtocolException("client closed the connection before its request");
        }
        if (first.type() != Frame.VERSION) {
            throw new ProtocolException("expected a protocol version frame first");
        }
        if (!PROTOCOL_VERSION.equals(first.text())) {
            throw new ProtocolException("unsupported protocol version '" + first.text() + "' (daemon speaks "
                    + PROTOCOL_VERSION + ")");
        }
        List<String> args = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Path cwd = defaultCwd;
        boolean tty = false;
        int width = 0;
        for (int count = 0; count < MAX_FRAMES; count++) {
            Frame f = reader.read();
            if (f == null) {
                throw new ProtocolException("client closed the connection before the end of its request");
            }
            switch (f.type()) {
                case Frame.GO -> {
                    return new BridgeRequest(args, cwd, env, tty, width);
                }
                case Frame.ARG -> args.add(f.text());
                case Frame.CWD -> cwd = parseCwd(f.text(), defaultCwd);
                case Frame.ENV -> putEnv(env, f.text());
                case Frame.TTY -> tty = "1".equals(f.text());
                case Frame.WIDTH -> width = parseWidth(f.text());
                default -> {
                    // a fact this daemon does not know yet
                }
            }
        }
        throw new ProtocolException("request has too many frames");
    }

    private static Path parseCwd(String text, Path fallback) {
        try {
            Path p = Path.of(text);
            return p.isAbsolute() ? p : fallback;
        } catch (InvalidPathException e) {
            return fallback;
        }
    }

    private static void putEnv(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
    }

    private static int parseWidth(String text) {
        try {
            return Math.max(0, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
