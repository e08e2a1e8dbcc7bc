package om.hb.multicast.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatConfig.Peer;
import om.api.cluster.HeartbeatLink;
import om.api.cluster.HeartbeatLink.Direction;
import om.api.cluster.HeartbeatLink.Outgoing;

/**
 * The {@code hb#N.tx} thread: sends each envelope the daemon makes due to the group, as fragments, and reports
 * every peer of the heartbeat sent (or not, with the reason): multicast has no per-peer delivery, so "sent"
 * means the local stack took every datagram; the peers' rx threads say whether they hear it.
 */
final class Sender implements Runnable {
    private static final Duration WAIT = Duration.ofMillis(200);
    private static final long RETRY_NANOS = 2_000_000_000L;
    // a burst of fragments is paced so receivers' socket buffers (often 208 KiB) can drain between them
    private static final int BURST_BYTES = 128 * 1024;
    private static final long PAUSE_NANOS = 1_000_000L;

    private final Group group;
    private final HeartbeatConfig config;
    private final HeartbeatLink link;
    private final long self;
    private volatile boolean stopping;
    private DatagramChannel channel;
    private InetSocketAddress target;
    private String failure;
    private long nextTry;
    private int message;

    Sender(Group group, HeartbeatConfig config, HeartbeatLink link, long self) {
        this.group = group;
        this.config = config;
        this.link = link;
        this.self = self;
        this.message = (int) self;
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                open();
                Outgoing out = link.next(WAIT);
                if (out != null && !stopping) {
                    send(out.envelope());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeChannel();
        }
    }

    private void open() {
        if (channel != null || System.nanoTime() - nextTry < 0) {
            return;
        }
        try {
            target = group.address();
            channel = group.openSender();
            failure = null;
            link.state(Direction.TX, "running", null);
        } catch (IOException e) {
            failure = e.getMessage();
            nextTry = System.nanoTime() + RETRY_NANOS;
            link.state(Direction.TX, "failed", failure);
        }
    }

    private void send(byte[] envelope) {
        if (channel == null) {
            report(false, 0, failure);
            return;
        }
        List<ByteBuffer> datagrams;
        try {
            datagrams = Fragments.split(self, message++, envelope, Fragments.CHUNK);
        } catch (IllegalArgumentException e) {
            report(false, 0, e.getMessage());
            return;
        }
        try {
            int burst = 0;
            for (ByteBuffer d : datagrams) {
                burst += d.remaining();
                channel.send(d, target);
                if (burst >= BURST_BYTES) {
                    burst = 0;
                    LockSupport.parkNanos(PAUSE_NANOS);
                }
            }
            report(true, envelope.length, null);
        } catch (IOException e) {
            // e.g. "network is unreachable" while the interface is down: reported, tried at the next envelope
            report(false, 0, "send to " + group.name() + ": " + Group.reason(e));
        }
    }

    private void report(boolean ok, int bytes, String error) {
        for (Peer p : config.peers()) {
            link.sent(p.node(), ok, bytes, error);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // stopping: nothing left to do with it
            }
            channel = null;
        }
    }
}
