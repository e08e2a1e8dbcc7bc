package om.hb.multicast.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import om.api.cluster.HeartbeatLink;
import om.api.cluster.HeartbeatLink.Direction;
import om.hb.multicast.internal.Fragments.Fragment;

/**
 * The {@code hb#N.rx} thread: receives the group's datagrams, drops this instance's own, and hands every
 * reassembled envelope to the daemon. Datagrams that are not fragments and envelopes whose fragments did not
 * all come are told to the daemon ({@link HeartbeatLink#refused}) with the sender's address: it counts them
 * with the envelopes it drops and logs them at most once a minute per sender. They raise no alert: garbage is
 * a fault of whoever sent it, not of this thread, which goes on receiving (an alert would also stay after the
 * garbage stopped). A channel that cannot be opened (no such interface, port taken without address reuse)
 * makes the thread {@code failed} with the reason; it tries again every few seconds.
 */
final class Receiver implements Runnable {
    private static final long RETRY_MS = 2_000;
    // incomplete envelopes held at once: a few per peer of a large cluster
    private static final int MAX_PENDING = 64;
    private static final long MAX_PENDING_BYTES = 128L << 20;
    // the fragments of one envelope are sent back to back: seconds late means one was lost
    private static final Duration REASSEMBLY_TIMEOUT = Duration.ofSeconds(5);

    private final Group group;
    private final HeartbeatLink link;
    private final long self;
    private final Reassembler reassembler;
    private DatagramChannel channel;
    private boolean stopping;

    Receiver(Group group, HeartbeatLink link, long self) {
        this.group = group;
        this.link = link;
        this.self = self;
        this.reassembler = new Reassembler(MAX_PENDING, MAX_PENDING_BYTES, REASSEMBLY_TIMEOUT, System::nanoTime,
                link::refused);
    }

    /** Closing the channel is what unblocks a receive. */
    synchronized void stop() {
        stopping = true;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing: nothing left to do with it
            }
        }
    }

    private synchronized boolean stopping() {
        return stopping;
    }

    private synchronized boolean publish(DatagramChannel ch) throws IOException {
        if (stopping) {
            ch.close();
            return false;
        }
        channel = ch;
        return true;
    }

    @Override
    public void run() {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (!stopping()) {
            DatagramChannel ch;
            try {
                ch = group.openReceiver();
                if (!publish(ch)) {
                    return;
                }
            } catch (IOException e) {
                failed(e.getMessage());
                continue;
            }
            link.state(Direction.RX, "running", null);
            try (DatagramChannel open = ch) {
                while (true) {
                    buf.clear();
                    SocketAddress from = open.receive(buf);
                    buf.flip();
                    handle(buf, from);
                }
            } catch (ClosedChannelException e) {
                // stopped (AsynchronousCloseException is one)
            } catch (IOException e) {
                if (!stopping()) {
                    failed("receive on " + group.name() + ": " + Group.reason(e));
                }
            }
        }
    }

    private void handle(ByteBuffer datagram, SocketAddress from) {
        int size = datagram.remaining();
        Fragment f = Fragments.parse(datagram);
        if (f == null) {
            reassembler.garbage(host(from), size);
        } else if (f.sender() != self) {
            byte[] whole = reassembler.accept(f, host(from));
            if (whole != null) {
                link.received(whole);
            }
        }
    }

    /**
     * The sender's IP address without the port: what the daemon's log limit is kept by (a sender's source port
     * changes with each socket it opens). Null when unknown.
     */
    static String host(SocketAddress from) {
        if (from instanceof InetSocketAddress a) {
            return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        }
        return null;
    }

    private void failed(String alert) {
        link.state(Direction.RX, "failed", alert);
        sleep(RETRY_MS);
    }

    private void sleep(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (!stopping() && System.nanoTime() - end < 0) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
            }
        }
    }

}
