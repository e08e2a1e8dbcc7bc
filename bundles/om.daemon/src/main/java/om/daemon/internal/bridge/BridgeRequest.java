package om.daemon.internal.bridge;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a client sent before {@code G}: the command line, the caller's terminal facts and the features its client
 * implements ({@code stdin}: it answers {@code R} frames).
 */
record BridgeRequest(List<String> args, Path cwd, Map<String, String> env, boolean tty, int width,
                     Set<String> features) {
    static final String PROTOCOL_VERSION = "1";
    static final String FEATURE_STDIN = "stdin";
    /** Options after which a command runs until the caller stops it. */
    private static final Set<String> STREAMING = Set.of("--watch", "--stats", "--follow");
    private static final int HEADER = 5;

    BridgeRequest {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        features = Set.copyOf(features);
    }

    BridgeRequest(List<String> args, Path cwd, Map<String, String> env, boolean tty, int width) {
        this(args, cwd, env, tty, width, Set.of());
    }

    /** {@code om daemon status|stop} without {@code --watch}: short, and what must get through a full daemon. */
    boolean isControl() {
        return args.size() >= 2 && args.get(0).equals("daemon")
                && (args.get(1).equals("status") || args.get(1).equals("stop")) && !isStreaming();
    }

    /** {@code --watch}, {@code --stats}, {@code --follow}: runs until the client goes, nothing to drain. */
    boolean isStreaming() {
        return args.stream().anyMatch(STREAMING::contains);
    }

    boolean hasStdin() {
        return features.contains(FEATURE_STDIN);
    }

    static BridgeRequest read(FrameReader reader, Path defaultCwd) throws IOException {
        return read(reader, defaultCwd, BridgeSettings.DEFAULTS);
    }

    /**
     * Reads request frames up to {@code G}. Unknown frame types are skipped so a newer client can add facts.
     * The whole request is bounded ({@code settings.requestMaxBytes()}, headers included, and
     * {@code requestMaxFrames()}): a frame that would pass the bound is refused from its header, before its payload
     * is read.
     *
     * @param defaultCwd used when the client sent no (or an invalid) {@code C} frame
     */
    static BridgeRequest read(FrameReader reader, Path defaultCwd, BridgeSettings settings) throws IOException {
        int maxBytes = settings.requestMaxBytes();
        String tooLarge = "request too large (more than " + maxBytes + " bytes)";
        long used = HEADER;
        Frame first = reader.read(maxBytes - HEADER, tooLarge, Frame.VERSION,
                "expected a protocol version frame first");
        if (first == null) {
            throw new ProtocolException("client closed the connection before its request");
        }
        if (!PROTOCOL_VERSION.equals(first.text())) {
            throw new ProtocolException("unsupported protocol version '" + first.text() + "' (daemon speaks "
                    + PROTOCOL_VERSION + ")");
        }
        used += first.payload().length;
        List<String> args = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> features = new ArrayList<>();
        Path cwd = defaultCwd;
        boolean tty = false;
        int width = 0;
        for (int count = 1; count < settings.requestMaxFrames(); count++) {
            used += HEADER;
            Frame f = reader.read((int) Math.max(0, maxBytes - used), tooLarge);
            if (f == null) {
                throw new ProtocolException("client closed the connection before the end of its request");
            }
            used += f.payload().length;
            switch (f.type()) {
                case Frame.GO -> {
                    return new BridgeRequest(args, cwd, env, tty, width, Set.copyOf(features));
                }
                case Frame.ARG -> args.add(f.text());
                case Frame.CWD -> cwd = parseCwd(f.text(), defaultCwd);
                case Frame.ENV -> putEnv(env, f.text());
                case Frame.TTY -> tty = "1".equals(f.text());
                case Frame.WIDTH -> width = parseWidth(f.text());
                case Frame.FEATURES -> {
                    for (String s : f.text().split(",")) {
                        features.add(s.trim());
                    }
                }
                default -> {
                    // a fact this daemon does not know yet
                }
            }
        }
        throw new ProtocolException("request too large (more than " + settings.requestMaxFrames() + " frames)");
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
