package om.api.daemon;

import java.time.Instant;
import java.util.Map;

/**
 * The details of one heartbeat thread ({@code hb#1.rx}, {@code hb#1.tx}) in the dataset (status.md section 8);
 * its state is also in {@link DaemonStatus#threads()} under the same name.
 *
 * @param name        the thread name, {@code hb#1.rx}
 * @param type        {@code unicast} or {@code multicast}
 * @param addr        the endpoint shown by {@code om mon}: listen address (unicast rx) or group (multicast);
 *                    null for a unicast tx
 * @param port        the endpoint's port, 0 when {@code addr} is null
 * @param interval    {@code interval} of the section, e.g. {@code 5s}
 * @param timeout     {@code timeout} of the section, e.g. {@code 15s}
 * @param peers       per peer node: beating or not, and when it last was
 * @param lastMessage the last kind sent ({@code ping}, {@code full}) or, for a patch, the number of batches;
 *                    null before any
 * @param stats       messages, bytes and errors counted on this thread
 * @param dropped     rx: messages dropped, by reason ({@code wrong secret}, {@code replay}...), empty when none
 */
public record HeartbeatStatus(String name, String type, String addr, int port, String interval, String timeout,
                              Map<String, Peer> peers, String lastMessage, Stats stats, Map<String, Long> dropped) {
    public HeartbeatStatus {
        peers = NodeData.sorted(peers);
        dropped = NodeData.sorted(dropped);
    }

    /** A peer on this heartbeat: whether it is beating (within timeout) and when it last was, null when never. */
    public record Peer(boolean beating, Instant last) {
    }

    /** What went through the thread. */
    public record Stats(long messages, long bytes, long errors) {
        public static final Stats NONE = new Stats(0, 0, 0);
    }
}
