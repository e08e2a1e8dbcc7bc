package om.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import om.api.ObjectPath;
import om.api.config.ConfigException;
import om.api.config.ObjectStore;
import om.api.config.Values;
import om.core.internal.node.InstallationImpl;
import om.core.internal.keywords.FakeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tombstones of deleted objects and the store's side of config replication (heartbeats-and-daemon 6). */
class TombstoneReplicationTest {
    static final ObjectPath WEB = ObjectPath.parse("ns1/svc/web");
    static final byte[] PEER = "[DEFAULT]\nid = 7f1c\nnodes = n1 n2\n# from n2\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    ObjectStoreImpl store() {
        return new ObjectStoreImpl(new InstallationImpl(root, "n1"), FakeRegistry.standard());
    }

    /** The mtime tests give the installed config: the local version. */
    static final Instant LOCAL = Instant.parse("2026-12-01T10:00:00Z");

    /** A store with {@code ns1/svc/web} installed, on n1 and n2. */
    ObjectStoreImpl installed() {
        ObjectStoreImpl s = store();
        s.install(WEB, "[DEFAULT]\nnodes = n1 n2\n");
        return s;
    }

    Path file() {
        return root.resolve("etc/namespaces/ns1/svc/web.conf");
    }

    Instant mtime() throws Exception {
        return Files.getLastModifiedTime(file()).toInstant();
    }

    void setMtime(Instant t) throws Exception {
        Files.setLastModifiedTime(file(), FileTime.from(t));
    }

    @Test
    void aDeleteLeavesATombstoneNamedByTheCanonicalPathDatedByItsMtime() throws Exception {
        ObjectStoreImpl s = installed();
        assertEquals(Optional.empty(), s.deletedAt(WEB));
        Instant before = Instant.now().minusMillis(5);
        s.delete(WEB);
        Path tomb = root.resolve("var/deleted/ns1/svc/web");
        assertTrue(Files.isRegularFile(tomb));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tomb)));
        Instant at = s.deletedAt(WEB).orElseThrow();
        assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now()), at.toString());
        assertEquals(Files.getLastModifiedTime(tomb).toInstant(), at);
        assertEquals("deleted at " + at + "\n", Files.readString(tomb));

        s.install(ObjectPath.parse("db"), "[DEFAULT]\nnodes = n1\n");
        s.delete(ObjectPath.parse("db"));
        assertTrue(Files.isRegularFile(root.resolve("var/deleted/db")), "a root svc: its name alone");
    }

    @Test
    void deletingWhatDoesNotExistLeavesNoTombstone() {
        ObjectStoreImpl s = store();
        s.delete(WEB);
        assertEquals(Optional.empty(), s.deletedAt(WEB));
    }

    @Test
    void aReplicatedCopyIsInstalledByteForByteWithThePeersMtime() throws Exception {
        ObjectStoreImpl s = store();
        Instant t = Instant.parse("2026-12-01T10:00:00.123456789Z");
        assertTrue(s.replicate(WEB, PEER, t));
        assertArrayEquals(PEER, Files.readAllBytes(file()));
        assertEquals(t, mtime(), "the peer's time to the nanosecond: the copy does not look newer than its source");
        assertEquals(Values.sha256(PEER), s.load(WEB).orElseThrow().checksum(), "the store sees the new file");
    }

    @Test
    void aCopyThatIsNotNewerIsRefusedUnderTheLock() throws Exception {
        ObjectStoreImpl s = store();
        s.install(WEB, "[DEFAULT]\nid = 1\nnodes = n1 n2\n");
        Instant local = Instant.parse("2026-12-01T10:00:00Z");
        setMtime(local);
        byte[] before = Files.readAllBytes(file());
        assertFalse(s.replicate(WEB, PEER, local.minusSeconds(1)), "older");
        assertArrayEquals(before, Files.readAllBytes(file()));
        // the same millisecond: the greater checksum wins, as ObjectStore.compareVersions says on every node
        Instant same = local.plusNanos(300_000);
        boolean peerWins = Values.sha256(PEER).compareTo(Values.sha256(before)) > 0;
        assertEquals(peerWins, s.replicate(WEB, PEER, same));
        assertEquals(peerWins ? PEER.length : before.length, Files.readAllBytes(file()).length);
        assertTrue(s.replicate(WEB, PEER, local.plusSeconds(1)) || peerWins, "newer");
        assertArrayEquals(PEER, Files.readAllBytes(file()));
        assertFalse(s.replicate(WEB, PEER, local.plusSeconds(1)), "the same version again: nothing to do");
    }

    @Test
    void aDeletedObjectIsNotBroughtBackByAnOlderCopyButIsByANewerCreate() throws Exception {
        ObjectStoreImpl s = installed();
        s.delete(WEB);
        Instant deleted = s.deletedAt(WEB).orElseThrow();
        assertFalse(s.replicate(WEB, PEER, deleted.minusSeconds(10)));
        assertFalse(s.replicate(WEB, PEER, deleted), "a deletion wins over a config of the same millisecond");
        assertFalse(Files.exists(file()));
        assertTrue(s.replicate(WEB, PEER, deleted.plusSeconds(1)), "created again after the delete");
        assertTrue(Files.exists(file()));
    }

    @Test
    void aPeersDeletionRemovesOnlyAnOlderConfigAndDatesTheTombstoneLikeThePeer() throws Exception {
        ObjectStoreImpl s = installed();
        setMtime(LOCAL);
        assertFalse(s.deleteReplicated(WEB, LOCAL.minusSeconds(1)), "the local config is newer");
        assertTrue(Files.exists(file()));
        Instant peerDeleted = LOCAL.plusSeconds(5);
        assertTrue(s.deleteReplicated(WEB, peerDeleted));
        assertFalse(Files.exists(file()));
        assertEquals(peerDeleted, s.deletedAt(WEB).orElseThrow());
        assertFalse(s.deleteReplicated(WEB, peerDeleted), "gone already");
    }

    @Test
    void anInvalidCopyIsRefusedAndTheLocalFileKept() throws Exception {
        ObjectStoreImpl s = installed();
        byte[] before = Files.readAllBytes(file());
        assertThrows(ConfigException.class, () -> s.replicate(WEB, "[DEFAULT\nnodes = n1\n"
                .getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(60)));
        assertArrayEquals(before, Files.readAllBytes(file()));
    }

    @Test
    void theVersionOrderIsTheSameOnEveryNode() {
        Instant t = Instant.parse("2026-12-01T10:00:00.100Z");
        assertTrue(ObjectStore.compareVersions(t.plusMillis(1), "a", t, "b") > 0);
        assertTrue(ObjectStore.compareVersions(t.plusNanos(999), "a", t, "b") < 0, "same millisecond: checksum");
        assertEquals(0, ObjectStore.compareVersions(t, "a", t.plusNanos(5), "a"));
    }

    @Test
    void theActionLockStillGuardsAReplicatedDelete() throws Exception {
        ObjectStoreImpl s = installed();
        setMtime(Instant.parse("2026-12-01T10:00:00Z"));
        Path lock = root.resolve("var/namespaces/ns1/svc/web").resolve(om.core.internal.action.ObjectLocks
                .ACTION_LOCK_FILE);
        try (om.core.internal.action.ObjectLocks.Held held = new om.core.internal.action.ObjectLocks().acquire(
                lock, WEB.canonical(), "start", "sess", Duration.ZERO)) {
            assertThrows(om.api.OmException.class, () -> s.deleteReplicated(WEB, Instant.now()),
                    "never under a running action");
        }
        assertTrue(Files.exists(file()));
    }

    @Test
    void leavingTheScopeRemovesAnOlderConfigAndItsVarDirWithoutATombstone() throws Exception {
        ObjectStoreImpl s = installed();
        setMtime(LOCAL);
        Path varDir = root.resolve("var/namespaces/ns1/svc/web");
        Files.createDirectories(varDir);
        String sum = Values.sha256(Files.readAllBytes(file()));
        assertFalse(s.removeOutOfScope(WEB, LOCAL.minusSeconds(1), "fff"), "the local config is newer");
        assertFalse(s.removeOutOfScope(WEB, LOCAL, sum), "the same version");
        assertTrue(Files.exists(file()));
        assertTrue(s.removeOutOfScope(WEB, LOCAL.plusSeconds(5), "fff"));
        assertFalse(Files.exists(file()));
        assertFalse(Files.exists(varDir));
        assertEquals(Optional.empty(), s.deletedAt(WEB), "no tombstone: it would delete the object in its scope");
        assertFalse(s.removeOutOfScope(WEB, LOCAL.plusSeconds(5), "fff"), "gone already");
    }

    @Test
    void theActionLockGuardsAnOutOfScopeRemoval() throws Exception {
        ObjectStoreImpl s = installed();
        setMtime(Instant.parse("2026-12-01T10:00:00Z"));
        Path lock = root.resolve("var/namespaces/ns1/svc/web").resolve(om.core.internal.action.ObjectLocks
                .ACTION_LOCK_FILE);
        try (om.core.internal.action.ObjectLocks.Held held = new om.core.internal.action.ObjectLocks().acquire(
                lock, WEB.canonical(), "start", "sess", Duration.ZERO)) {
            assertThrows(om.api.OmException.class, () -> s.removeOutOfScope(WEB, Instant.now(), "fff"),
                    "never under a running action");
        }
        assertTrue(Files.exists(file()));
        assertTrue(s.removeOutOfScope(WEB, Instant.now(), "fff"), "once the action is over");
    }
}
