package om.orchestrator.api;

import java.util.List;

/**
 * The split verdict of orchestration.md section 7, a pure function of the votes. The daemon evaluates it when a
 * peer is lost; on {@link Verdict#SPLIT} it waits {@code ready_period / 3} (the arbitrator checks have that
 * timeout), evaluates again with fresh arbitrator results, and if it is still {@code SPLIT} runs
 * {@code node.split_action} ({@code crash}, {@code reboot} through the test hook, {@code disabled} logs only).
 *
 * <p>Only the votes decide, arbitrators included: the spec's example (3 nodes and 2 arbitrators, an isolated
 * pair reaching no arbitrator crashes) holds only so, since a pair alone is more than half of 3 nodes.
 */
public final class Quorum {
    private Quorum() {
    }

    /** What the node does about a lost peer. */
    public enum Verdict {
        /** {@code cluster.quorum = false}, or the node is frozen: nothing happens. */
        IGNORED,
        /** The votes are a majority: the node carries on. */
        CARRY_ON,
        /** The votes are not a majority: {@code split_action} after {@code ready_period / 3}. */
        SPLIT
    }

    /** An arbitrator as this node sees it: its {@code weight}, and whether its last check reached it. */
    public record Arbitrator(String name, int weight, boolean reachable) {
    }

    /**
     * @param clusterNodes the number of nodes of {@code cluster.nodes}
     * @param liveNodes    the live nodes, this one included
     */
    public record Votes(boolean quorum, boolean nodeFrozen, int clusterNodes, int liveNodes,
                        List<Arbitrator> arbitrators) {
        public Votes {
            arbitrators = List.copyOf(arbitrators);
        }

        /** Nodes plus the weights of every arbitrator. */
        public int total() {
            return clusterNodes + arbitrators.stream().mapToInt(Arbitrator::weight).sum();
        }

        /** Live nodes plus the weights of the reachable arbitrators. */
        public int votes() {
            return liveNodes + arbitrators.stream().filter(Arbitrator::reachable).mapToInt(Arbitrator::weight).sum();
        }
    }

    /**
     * Whether a peer this node lost is dead for orchestration: with {@code cluster.quorum = true}, only once a
     * majority agrees, that is this node, the live peers whose own data shows they lost it too, and the reachable
     * arbitrators ({@code liveNodes} of {@code v} counts the nodes that agree). Until then the lost peer keeps its
     * last data, alive: nothing is taken over from it. A node cut from the others must distrust its own view: the
     * peers it still counts may see the lost one well (simulation D4, D6), and a takeover decided alone could start
     * a second instance beside one that runs. With the quorum off, a node's own view is enough (a declared split).
     */
    public static boolean deathAgreed(Votes v) {
        return !v.quorum() || 2 * v.votes() > v.total();
    }

    public static Verdict verdict(Votes v) {
        if (!v.quorum() || v.nodeFrozen()) {
            return Verdict.IGNORED;
        }
        // votes > total / 2, in integers
        return 2 * v.votes() > v.total() ? Verdict.CARRY_ON : Verdict.SPLIT;
    }
}
