package om.daemon.internal.bridge;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
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
        FrameWriter w = new FrameWriter(Channels.newOutputStream(ch));
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
        w.write(Frame.GO, "");
    }

    static Reply readReply(SocketChannel ch) throws IOException {
        FrameReader r = new FrameReader(Channels.newInputStream(ch));
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = r.read()) != null) {
            frames.add(f);
        }
        return new Reply(frames);
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
