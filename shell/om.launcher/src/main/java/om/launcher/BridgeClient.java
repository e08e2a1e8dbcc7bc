package om.launcher;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The Java side of the bridge (PROTOCOL.md): connects to the daemon's socket and relays one command. */
final class BridgeClient {
    private BridgeClient() {
    }

    /**
     * Connects to the daemon. A Unix socket connect does not wait: it succeeds, or fails at once (refused when
     * the daemon is gone, "resource temporarily unavailable" when its backlog is full), so the 1 s bound of the
     * spec holds without a timer.
     *
     * @return the connected channel, or null when no daemon runs (no socket file, or nobody listening on it)
     * @throws IOException any other failure, such as a socket the caller may not open
     */
    static SocketChannel connect(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return null;
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (SocketException e) {
            ch.close();
            String m = String.valueOf(e.getMessage());
            if (m.contains("refused") || m.contains("No such file")) {
                return null;
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static boolean answers(Path socket) {
        try (SocketChannel ch = connect(socket)) {
            return ch != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends the request, copies output frames as they come, and returns the daemon's exit code. */
    static int run(SocketChannel ch, ClientRequest request, OutputStream out, OutputStream err) throws IOException {
        OutputStream wire = new BufferedOutputStream(Channels.newOutputStream(ch));
        Frame.write(wire, Frame.VERSION, "1");
        for (String a : request.args()) {
            Frame.write(wire, Frame.ARG, a);
        }
        Frame.write(wire, Frame.CWD, request.cwd().toString());
        for (Map.Entry<String, String> e : request.env().entrySet()) {
            Frame.write(wire, Frame.ENV, e.getKey() + "=" + e.getValue());
        }
        Frame.write(wire, Frame.TTY, request.tty() ? "1" : "0");
        Frame.write(wire, Frame.WIDTH, Integer.toString(request.width()));
        Frame.write(wire, Frame.GO, "");
        wire.flush();
        DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
        Frame f;
        while ((f = Frame.read(in)) != null) {
            switch (f.type()) {
                case Frame.STDOUT -> copy(out, f.payload());
                case Frame.STDERR -> copy(err, f.payload());
                case Frame.EXIT -> {
                    return parseExit(f.text());
                }
                default -> {
                    // a reply frame this client does not know: newer daemon, nothing to show
                }
            }
        }
        throw new IOException("the daemon closed the connection before the exit code");
    }

    private static void copy(OutputStream to, byte[] bytes) throws IOException {
        to.write(bytes);
        to.flush();
    }

    private static int parseExit(String text) throws IOException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException("bad exit code from the daemon: '" + text + "'");
        }
    }
}
