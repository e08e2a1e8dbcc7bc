package om.launcher;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double of the daemon side of the bridge: records each request and answers with scripted frames. */
final class FakeDaemon implements AutoCloseable {
    private final ServerSocketChannel server;
    private final List<List<Frame>> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;

    FakeDaemon(Path socket, List<Frame> reply) throws IOException {
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> serve(reply), "fake-daemon");
        thread.setDaemon(true);
        thread.start();
    }

    List<List<Frame>> requests() {
        return requests;
    }

    private void serve(List<Frame> reply) {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
                List<Frame> request = new ArrayList<>();
                Frame f;
                while ((f = Frame.read(in)) != null) {
                    request.add(f);
                    if (f.type() == Frame.GO) {
                        break;
                    }
                }
                requests.add(request);
                if (f == null) {
                    continue;
                }
                OutputStream out = Channels.newOutputStream(ch);
                for (Frame r : reply) {
                    Frame.write(out, r.type(), r.text());
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    static Frame frame(char type, String text) {
        return new Frame((byte) type, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
