package om.daemon.internal.replication;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import om.api.config.ObjectStore;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectConfigSummary;

/**
 * What config replication does for one object, from what this node has and what its peers announce: the newest
 * event wins everywhere. Events are the configs of the nodes in the object's scope (ordered by
 * {@link ObjectStore#compareVersions}: mtime to the millisecond, then checksum) and the deletions (tombstones,
 * here and on any peer), a deletion winning over a config of the same millisecond; so a deleted object does not
 * come back from a peer that still had it, and a create after the delete (newer mtime) wins over the delete. A
 * config of a peer whose scope has not this node is no version to fetch, but when it is the newest event (this
 * node was removed from the object's nodes) the local copy goes, without a tombstone.
 */
final class ReplicationRules {
    /** The {@code seen} mark of a node that was seen without the object. */
    static final String ABSENT = "-";

    private ReplicationRules() {
    }

    /** Whether version v lost to winner as a concurrent change, given what the winner's node was seen with. */
    private static boolean concurrent(String v, String winner, Set<String> winnersHistory) {
        return !v.equals(winner) && !winnersHistory.contains(v)
                && winnersHistory.stream().anyMatch(c -> !c.equals(winner));
    }

    /** One version of a config. */
    record Version(Instant mtime, String checksum) {
        static Version of(ObjectConfigSummary s) {
            return new Version(s.mtime(), s.checksum());
        }

        int compareTo(Version o) {
            return ObjectStore.compareVersions(mtime, checksum, o.mtime, o.checksum);
        }
    }

    /** A version of another node that lost to the winner: a concurrent change, to be logged. */
    record Loser(String node, Version version) {
    }

    sealed interface Decision {
        List<Loser> losers();
    }

    /** Nothing to install or delete here. */
    record Keep(List<Loser> losers) implements Decision {
    }

    /** Fetch the peer's version and install it (the local version, if any, among the losers when it was a change). */
    record Fetch(String peer, Version version, List<Loser> losers) implements Decision {
    }

    /** Delete the local copy: a peer (or this node, in a delete left unfinished) deleted it after its version. */
    record Delete(String peer, Instant deletedAt, List<Loser> losers) implements Decision {
    }

    /**
     * Remove the local copy without a tombstone: the newest version (of peer) has this node no longer in its scope
     * (nodes and drpnodes), so the object lives on elsewhere only.
     */
    record LeftScope(String peer, Version version, List<Loser> losers) implements Decision {
    }

    /**
     * The decision for one object.
     *
     * @param self      this node
     * @param path      the object's canonical path
     * @param local     the local version, null when the object has no config here
     * @param tombstone when the object was deleted here, null if never (or forgotten)
     * @param peers     the peers' data (this node's entry, if present, is ignored)
     * @param seen      per node, the checksums of this object the node was seen to have, {@link #ABSENT} for
     *                  "had none" (this node's own included). A losing version is a concurrent change, logged,
     *                  when the winner's node was seen with an earlier state that was not that version (both
     *                  changed the same state); a version it had is only late. Without such a memory (just
     *                  started) nothing is called a concurrent change.
     */
    static Decision decide(String self, String path, Version local, Instant tombstone, Map<String, NodeData> peers,
                           Map<String, Set<String>> seen) {
        String bestPeer = null;
        Version best = null;
        String deleter = null;
        Instant deleted = tombstone;
        // the newest version of a peer whose scope has not this node: one that removed this node from the scope
        String outPeer = null;
        Version out = null;
        for (Map.Entry<String, NodeData> e : peers.entrySet()) {
            String node = e.getKey();
            if (node.equals(self)) {
                continue;
            }
            ObjectConfigSummary s = e.getValue().configs().get(path);
            if (s != null && s.scope().contains(self) && !s.checksum().isEmpty() && s.mtime() != null) {
                Version v = Version.of(s);
                if (best == null || v.compareTo(best) > 0) {
                    best = v;
                    bestPeer = node;
                }
            } else if (s != null && !s.checksum().isEmpty() && s.mtime() != null) {
                Version v = Version.of(s);
                if (out == null || v.compareTo(out) > 0) {
                    out = v;
                    outPeer = node;
                }
            }
            Instant d = e.getValue().deleted().get(path);
            if (d != null && (deleted == null || d.toEpochMilli() > deleted.toEpochMilli())) {
                deleted = d;
                deleter = node;
            }
        }
        Version winner = local;
        String winnerNode = self;
        if (best != null && (winner == null || best.compareTo(winner) > 0)) {
            winner = best;
            winnerNode = bestPeer;
        }
        if (out != null && (winner == null || out.compareTo(winner) > 0)
                && (local == null || !out.checksum().equals(local.checksum()))
                && (deleted == null || out.mtime().toEpochMilli() > deleted.toEpochMilli())) {
            // the newest config leaves this node out: the local copy (older) goes, and no older copy of a peer
            // still in the old scope is fetched back meanwhile
            return local != null ? new LeftScope(outPeer, out, List.of()) : new Keep(List.of());
        }
        if (deleted != null && (winner == null || deleted.toEpochMilli() >= winner.mtime().toEpochMilli())) {
            // the deletion is the newest event: every config loses to it, none of them is a concurrent change
            if (local != null) {
                // deleter null: this node's own tombstone, of a delete interrupted before the config was gone
                return new Delete(deleter == null ? self : deleter, deleted, List.of());
            }
            return new Keep(List.of());
        }
        if (winner == null) {
            return new Keep(List.of());
        }
        List<Loser> losers = new ArrayList<>();
        if (!winnerNode.equals(self)) {
            if (local != null && concurrent(local.checksum(), winner.checksum(),
                    seen.getOrDefault(winnerNode, Set.of()))) {
                losers.add(new Loser(self, local));
            }
            return new Fetch(winnerNode, winner, List.copyOf(losers));
        }
        Set<String> mine = seen.getOrDefault(self, Set.of());
        for (Map.Entry<String, NodeData> e : peers.entrySet()) {
            ObjectConfigSummary s = e.getValue().configs().get(path);
            if (e.getKey().equals(self) || s == null || s.checksum().isEmpty()) {
                continue;
            }
            if (concurrent(s.checksum(), winner.checksum(), mine)) {
                losers.add(new Loser(e.getKey(), Version.of(s)));
            }
        }
        return new Keep(List.copyOf(losers));
    }
}
