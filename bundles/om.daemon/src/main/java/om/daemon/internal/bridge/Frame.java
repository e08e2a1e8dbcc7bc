package om.daemon.internal.bridge;

import java.nio.charset.StandardCharsets;

/** One bridge frame: a type byte and its payload (PROTOCOL.md lists the types). */
record Frame(byte type, byte[] payload) {
    /** Client to daemon, the request (before {@code G}). */
    static final byte VERSION = 'V';
    static final byte ARG = 'A';
    static final byte CWD = 'C';
    static final byte ENV = 'E';
    static final byte TTY = 'T';
    static final byte WIDTH = 'W';
    /** Comma-separated features the client implements ({@code stdin}); unknown ones are ignored. */
    static final byte FEATURES = 'F';
    static final byte GO = 'G';
    /** Client to daemon while the command runs (after {@code G}). */
    static final byte INPUT = 'I';
    static final byte INPUT_END = 'D';
    static final byte SIGNAL = 'S';
    /** Daemon to client. */
    static final byte STARTED = 'K';
    static final byte READ = 'R';
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte EXIT = 'X';

    /** What one stdin frame may carry, and what the daemon asks for at a time. */
    static final int INPUT_CHUNK = 64 * 1024;

    static Frame text(byte type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
