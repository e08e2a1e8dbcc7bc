package om.daemon.internal.bridge;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A minimal bridge client for tests: sends a request and collects the reply frames in order. */
final class TestClient {
    record Reply(List<Frame> frames) {
        String stdout() {
            return join(Frame.STDOUT);
        }

        String stderr() {
            return join(Frame.STDERR);
        }

        int exit() {
            Frame last = frames.get(frames.size() - 1);
            if (last.type() != Frame.EXIT) {
                throw new AssertionError("no exit frame last: " + frames);
            }
            return Integer.parseInt(last.text());
        }

        private String join(byte type) {
            StringBuilder sb = new StringBuilder();
            frames.stream().filter(f -> f.type() == type).forEach(f -> sb.append(f.text()));
            return sb.toString();
        }
    }

    static SocketChannel connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return ch;
    }

    static void sendRequest(SocketChannel ch, Path cwd, List<String> env, List<String> args) throws IOException {
        sendRequest(ch, cwd, env, args, List.of());
    }

    /** {@code extra} frames go just before {@code G} (e.g. {@code F stdin}). */
    static void sendRequest(SocketChannel ch, Path cwd, List<String> env, List<String> args, List<Frame> extra)
            throws IOException {
        FrameWriter w = new FrameWriter(ChannelStreams.out(ch));
        w.write(Frame.VERSION, "1");
        for (String a : args) {
            w.write(Frame.ARG, a);
        }
        w.write(Frame.CWD, cwd.toString());
        for (String e : env) {
            w.write(Frame.ENV, e);
        }
        w.write(Frame.TTY, "0");
        w.write(Frame.WIDTH, "80");
        for (Frame f : extra) {
            w.write(f.type(), f.payload(), 0, f.payload().length);
        }
        w.write(Frame.GO, "");
    }

    static Reply readReply(SocketChannel ch) throws IOException {
        FrameReader r = new FrameReader(ChannelStreams.in(ch));
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = r.read()) != null) {
            frames.add(f);
        }
        return new Reply(frames);
    }

    /** The next frame that is not the early {@code K}. */
    static Frame readOutput(FrameReader reader) throws IOException {
        Frame f = reader.read();
        while (f != null && f.type() == Frame.STARTED) {
            f = reader.read();
        }
        return f;
    }

    static Reply run(Path socket, Path cwd, List<String> env, String... args) throws IOException {
        try (SocketChannel ch = connect(socket)) {
            sendRequest(ch, cwd, env, List.of(args));
            return readReply(ch);
        }
    }

    private TestClient() {
    }
}
