package om.daemon.internal.bridge;

import java.io.IOException;

/** The peer broke the bridge protocol; the message is one line for the operator. */
final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
        super(message);
    }
}
