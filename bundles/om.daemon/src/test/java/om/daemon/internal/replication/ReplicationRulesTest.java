package om.daemon.internal.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectConfigSummary;
import om.daemon.internal.replication.ReplicationRules.Decision;
import om.daemon.internal.replication.ReplicationRules.Delete;
import om.daemon.internal.replication.ReplicationRules.Fetch;
import om.daemon.internal.replication.ReplicationRules.Keep;
import om.daemon.internal.replication.ReplicationRules.LeftScope;
import om.daemon.internal.replication.ReplicationRules.Loser;
import om.daemon.internal.replication.ReplicationRules.Version;
import org.junit.jupiter.api.Test;

/** The decisions of config replication, seen from n1, for the object ns1/svc/web. */
class ReplicationRulesTest {
    static final String P = "ns1/svc/web";
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final List<String> SCOPE = List.of("n1", "n2", "n3");

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static NodeData data(Map<String, ObjectConfigSummary> configs, Map<String, Instant> deleted) {
        return new NodeData(null, false, null, T0, Map.of(), null, Map.of(), configs, Map.of(), Map.of(), deleted);
    }

    static NodeData has(String checksum, Instant mtime) {
        return data(Map.of(P, new ObjectConfigSummary(SCOPE, checksum, mtime)), Map.of());
    }

    static NodeData deleted(Instant at) {
        return data(Map.of(), Map.of(P, at));
    }

    static final NodeData NOTHING = data(Map.of(), Map.of());

    static Decision decide(Version local, Instant tombstone, Map<String, NodeData> peers) {
        return decide(local, tombstone, peers, Map.of());
    }

    static Decision decide(Version local, Instant tombstone, Map<String, NodeData> peers,
                           Map<String, Set<String>> seen) {
        return ReplicationRules.decide("n1", P, local, tombstone, peers, seen);
    }

    @Test
    void aNewerConfigOfAPeerInScopeIsFetched() {
        Decision d = decide(new Version(t(0), "aaa"), null, Map.of("n2", has("bbb", t(10)), "n3", NOTHING));
        assertEquals(new Fetch("n2", new Version(t(10), "bbb"), List.of()), d);
    }

    @Test
    void anObjectCreatedOnAPeerIsFetchedFromTheNewestOfThem() {
        Decision d = decide(null, null, Map.of("n2", has("bbb", t(10)), "n3", has("ccc", t(20))));
        assertEquals(new Fetch("n3", new Version(t(20), "ccc"), List.of()), d);
    }

    @Test
    void theSameChecksumOrAnOlderConfigIsKept() {
        assertEquals(new Keep(List.of()), decide(new Version(t(10), "bbb"), null, Map.of("n2", has("bbb", t(10)))));
        assertInstanceOf(Keep.class, decide(new Version(t(20), "aaa"), null, Map.of("n2", has("bbb", t(10)))));
    }

    @Test
    void aConfigWhoseScopeHasNotThisNodeIsNotFetched() {
        NodeData other = data(Map.of(P, new ObjectConfigSummary(List.of("n2", "n3"), "bbb", t(10))), Map.of());
        assertEquals(new Keep(List.of()), decide(null, null, Map.of("n2", other)));
    }

    static NodeData scoped(List<String> scope, String checksum, Instant mtime) {
        return data(Map.of(P, new ObjectConfigSummary(scope, checksum, mtime)), Map.of());
    }

    @Test
    void aNewerConfigThatLeavesThisNodeOutRemovesTheLocalCopy() {
        Decision d = decide(new Version(t(0), "aaa"), null, Map.of("n2", scoped(List.of("n2", "n3"), "bbb", t(10))));
        assertEquals(new LeftScope("n2", new Version(t(10), "bbb"), List.of()), d);
    }

    @Test
    void anOlderCopyOfAPeerStillInTheOldScopeIsNotFetchedBackAfterwards() {
        // n3 has not heard of n2's change yet: its old version still has n1 in scope
        Map<String, NodeData> peers = Map.of("n2", scoped(List.of("n2"), "bbb", t(10)), "n3", has("aaa", t(0)));
        assertEquals(new LeftScope("n2", new Version(t(10), "bbb"), List.of()), decide(new Version(t(0), "aaa"),
                null, peers));
        assertEquals(new Keep(List.of()), decide(null, null, peers), "once removed, not fetched back from n3");
    }

    @Test
    void aLocalChangeNewerThanTheConfigThatLeavesThisNodeOutIsKept() {
        Decision d = decide(new Version(t(20), "ccc"), null, Map.of("n2", scoped(List.of("n2"), "bbb", t(10))));
        assertEquals(new Keep(List.of()), d);
    }

    @Test
    void aNewerConfigStillWithThisNodeInScopeIsInstalled() {
        // drpnodes are in the announced scope: n1 as a drp node stays
        Decision d = decide(new Version(t(0), "aaa"), null, Map.of("n2", scoped(List.of("n2", "n1"), "bbb", t(10))));
        assertEquals(new Fetch("n2", new Version(t(10), "bbb"), List.of()), d);
    }

    @Test
    void aDeletionNewerThanTheConfigThatLeftThisNodeOutStillDeletes() {
        Map<String, NodeData> peers = Map.of("n2", scoped(List.of("n2"), "bbb", t(10)), "n3", deleted(t(20)));
        assertEquals(new Delete("n3", t(20), List.of()), decide(new Version(t(0), "aaa"), null, peers));
    }

    @Test
    void aPeerWithoutAChecksumYetIsIgnored() {
        assertEquals(new Keep(List.of()), decide(null, null, Map.of("n2", has("", t(10)))));
    }

    @Test
    void theSameMillisecondIsDecidedByTheChecksumAlikeOnEveryNode() {
        Instant a = t(10).plusNanos(100);
        Instant b = t(10).plusNanos(900_000);
        assertEquals(new Fetch("n2", new Version(b, "bbb"), List.of(new Loser("n1", new Version(a, "aaa")))),
                decide(new Version(a, "aaa"), null, Map.of("n2", has("bbb", b)), Map.of("n2", Set.of("v0", "bbb"))),
                "the smaller checksum loses, though its file is older by nanoseconds only");
        Decision onN2 = ReplicationRules.decide("n2", P, new Version(b, "bbb"), null, Map.of("n1", has("aaa", a)),
                Map.of());
        assertInstanceOf(Keep.class, onN2, "n2 keeps its version: both nodes converge on bbb");
    }

    @Test
    void aConcurrentChangeLosesAndIsNamedOnBothSides() {
        // both nodes had v0; n1 changed it to aaa at 10 s, n2 to bbb at 20 s, before hearing of each other
        Map<String, Set<String>> seenOnN1 = Map.of("n1", Set.of("v0", "aaa"), "n2", Set.of("v0", "bbb"));
        Decision onN1 = decide(new Version(t(10), "aaa"), null, Map.of("n2", has("bbb", t(20))), seenOnN1);
        assertEquals(new Fetch("n2", new Version(t(20), "bbb"), List.of(new Loser("n1", new Version(t(10),
                "aaa")))), onN1);
        Map<String, Set<String>> seenOnN2 = Map.of("n2", Set.of("v0", "bbb"), "n1", Set.of("v0", "aaa"));
        Decision onN2 = ReplicationRules.decide("n2", P, new Version(t(20), "bbb"), null,
                Map.of("n1", has("aaa", t(10))), seenOnN2);
        assertEquals(new Keep(List.of(new Loser("n1", new Version(t(10), "aaa")))), onN2);
    }

    @Test
    void aConcurrentCreateLosesToo() {
        // n2 was seen without the object, then with bbb (created at 20 s); n1 had created aaa at 10 s
        Map<String, Set<String>> seenOnN1 = Map.of("n1", Set.of("aaa"), "n2", Set.of(ReplicationRules.ABSENT,
                "bbb"));
        assertEquals(new Fetch("n2", new Version(t(20), "bbb"), List.of(new Loser("n1", new Version(t(10),
                "aaa")))), decide(new Version(t(10), "aaa"), null, Map.of("n2", has("bbb", t(20))), seenOnN1));
    }

    @Test
    void withoutAMemoryOfEarlierStatesNothingIsCalledAConcurrentChange() {
        // just started: a late copy and a concurrent change look alike, and only the install is logged
        assertEquals(new Fetch("n2", new Version(t(20), "bbb"), List.of()),
                decide(new Version(t(10), "aaa"), null, Map.of("n2", has("bbb", t(20))), Map.of("n2",
                        Set.of("bbb"))));
    }

    @Test
    void aLateCopyIsNoLoser() {
        // n2 changed v0 to bbb; n1 still has v0, which n2 had: n1 is only late
        Map<String, Set<String>> seenOnN1 = Map.of("n1", Set.of("v0"), "n2", Set.of("v0", "bbb"));
        assertEquals(new Fetch("n2", new Version(t(20), "bbb"), List.of()),
                decide(new Version(t(0), "v0"), null, Map.of("n2", has("bbb", t(20))), seenOnN1));
        Map<String, Set<String>> seenOnN2 = Map.of("n2", Set.of("v0", "bbb"), "n1", Set.of("v0"));
        assertEquals(new Keep(List.of()), ReplicationRules.decide("n2", P, new Version(t(20), "bbb"), null,
                Map.of("n1", has("v0", t(0))), seenOnN2));
    }

    @Test
    void aPeersDeletionNewerThanTheLocalConfigDeletesIt() {
        assertEquals(new Delete("n2", t(30), List.of()),
                decide(new Version(t(10), "aaa"), null, Map.of("n2", deleted(t(30)), "n3", has("aaa", t(10)))),
                "n3 still having it does not bring it back");
    }

    @Test
    void aLocalTombstoneNewerThanTheLocalConfigFinishesAnInterruptedDelete() {
        assertEquals(new Delete("n1", t(30), List.of()), decide(new Version(t(10), "aaa"), t(30), Map.of()));
        assertEquals(new Keep(List.of()), decide(new Version(t(40), "aaa"), t(30), Map.of()),
                "created again after its delete");
    }

    @Test
    void aDeletionWinsOverAConfigOfTheSameMillisecond() {
        assertEquals(new Delete("n2", t(10), List.of()),
                decide(new Version(t(10).plusNanos(500_000), "aaa"), null, Map.of("n2", deleted(t(10)))));
    }

    @Test
    void aDeletedObjectIsNotFetchedFromAPeerThatStillHadIt() {
        assertEquals(new Keep(List.of()), decide(null, t(30), Map.of("n2", has("aaa", t(10)))),
                "the local tombstone is newer");
        assertEquals(new Keep(List.of()), decide(null, null, Map.of("n2", deleted(t(30)), "n3", has("aaa",
                t(10)))), "n2's deletion is newer than n3's copy");
    }

    @Test
    void aCreateAfterTheDeleteWins() {
        assertEquals(new Fetch("n3", new Version(t(40), "new"), List.of()),
                decide(null, t(30), Map.of("n2", deleted(t(30)), "n3", has("new", t(40)))));
        assertEquals(new Keep(List.of()), decide(new Version(t(40), "new"), null, Map.of("n2", deleted(t(30)))),
                "the local create is newer than the peer's deletion");
        assertEquals(new Fetch("n3", new Version(t(40), "new"), List.of()),
                decide(new Version(t(10), "old"), null, Map.of("n2", deleted(t(30)), "n3", has("new", t(40)))),
                "an old local copy gives way to the newer create, not to the deletion before it");
    }

    @Test
    void theOwnEntryOfTheViewIsNotAPeer() {
        Map<String, NodeData> view = new HashMap<>();
        view.put("n1", has("zzz", t(99)));
        view.put("n2", has("bbb", t(10)));
        assertEquals(new Keep(List.of()), decide(new Version(t(10), "bbb"), null, view));
    }
}
