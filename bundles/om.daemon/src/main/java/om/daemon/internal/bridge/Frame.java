package om.daemon.internal.bridge;

import java.nio.charset.StandardCharsets;

/** One bridge frame: a type byte and its payload. */
record Frame(byte type, byte[] payload) {
    /** Client to daemon. */
    static final byte VERSION = 'V';
    static final byte ARG = 'A';
    static final byte CWD = 'C';
    static final byte ENV = 'E';
    static final byte TTY = 'T';
    static final byte WIDTH = 'W';
    static final byte GO = 'G';
    /** Daemon to client. */
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte EXIT = 'X';

    /** Bigger frames are refused: a request is a command line, not a file transfer. */
    static final int MAX_PAYLOAD = 1 << 20;

    static Frame text(byte type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
