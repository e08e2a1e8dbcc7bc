package om.hb.multicast.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import om.api.cluster.HeartbeatLink;
import om.api.cluster.HeartbeatLink.Direction;
import om.hb.multicast.internal.Fragments.Fragment;

/**
 * The {@code hb#N.rx} thread: receives the group's datagrams, drops those that are not fragments (counted and
 * shown as the thread's alert, at most every {@link #ALERT_EVERY}) and this instance's own, and hands every
 * reassembled envelope to the daemon. A channel that cannot be opened (no such interface, port taken without
 * address reuse) makes the thread {@code failed} with the reason; it tries again every few seconds.
 */
final class Receiver implements Runnable {
    private static final long RETRY_MS = 2_000;
    private static final Duration ALERT_EVERY = Duration.ofSeconds(10);
    // incomplete envelopes held at once: a few per peer of a large cluster
    private static final int MAX_PENDING = 64;
    private static final long MAX_PENDING_BYTES = 128L << 20;
    // the fragments of one envelope are sent back to back: seconds late means one was lost
    private static final Duration REASSEMBLY_TIMEOUT = Duration.ofSeconds(5);

    private final Group group;
    private final HeartbeatLink link;
    private final long self;
    private final Reassembler reassembler =
            new Reassembler(MAX_PENDING, MAX_PENDING_BYTES, REASSEMBLY_TIMEOUT, System::nanoTime);
    private DatagramChannel channel;
    private boolean stopping;
    private long reportedInvalid;
    private long reportedDropped;
    private long lastAlert;

    Receiver(Group group, HeartbeatLink link, long self) {
        this.group = group;
        this.link = link;
        this.self = self;
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
                    open.receive(buf);
                    buf.flip();
                    handle(buf);
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

    private void handle(ByteBuffer datagram) {
        Fragment f = Fragments.parse(datagram);
        if (f == null) {
            reassembler.garbage();
        } else if (f.sender() != self) {
            byte[] whole = reassembler.accept(f);
            if (whole != null) {
                link.received(whole);
            }
        }
        alertOnLosses();
    }

    /** Tells the daemon, through the thread's alert, how many datagrams were refused and envelopes lost. */
    private void alertOnLosses() {
        long invalid = reassembler.invalid();
        long dropped = reassembler.dropped();
        if (invalid == reportedInvalid && dropped == reportedDropped) {
            return;
        }
        long now = System.nanoTime();
        if (lastAlert != 0 && now - lastAlert < ALERT_EVERY.toNanos()) {
            return;
        }
        lastAlert = now;
        reportedInvalid = invalid;
        reportedDropped = dropped;
        link.state(Direction.RX, "running", invalid + " invalid datagrams dropped, " + dropped
                + " incomplete messages dropped");
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
