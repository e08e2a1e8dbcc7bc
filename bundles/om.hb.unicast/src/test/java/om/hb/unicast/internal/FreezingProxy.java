package om.hb.unicast.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to a port that can be frozen: it then stops moving bytes without closing anything, the way a
 * cut cable or a frozen host looks to TCP (no FIN, no RST, only silence).
 */
final class FreezingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean frozen;
    private volatile boolean closed;

    FreezingProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread t = new Thread(this::accept, "test-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections it took so far: a dropped connection dialled again counts one more. */
    int accepted() {
        return accepted.get();
    }

    void freeze() {
        frozen = true;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket in = server.accept();
                sockets.add(in);
                accepted.incrementAndGet();
                if (frozen) {
                    // held open, never answered
                    continue;
                }
                Socket out = new Socket("127.0.0.1", target);
                sockets.add(out);
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (!closed) {
                    if (frozen) {
                        Thread.sleep(20);
                        continue;
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        to.shutdownOutput();
                        return;
                    }
                    if (!frozen) {
                        out.write(buf, 0, n);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        }, "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
