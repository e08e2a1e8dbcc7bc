package om.api.status;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import om.api.ObjectPath;

/**
 * The instance state that verbs, the action engine, the status evaluator and the daemon set and read, and that
 * changes without the resources changing: the frozen flag ({@code <vardir>/frozen}), the stopped flag of each
 * resource ({@code <vardir>/<rid>/stopped}, flag {@code X}: stopped by an explicit stop, never restarted) and the
 * local expect ({@code <vardir>/local_expect}). This service is the one owner of those files; nobody else
 * writes them. Changes are visible to every process at once.
 */
@org.osgi.annotation.versioning.ProviderType
public interface InstanceFlags {
    /** What this node's daemon guarantees for its own instance (orchestration.md section 8). */
    enum LocalExpect {
        NONE, STARTED, EVICTED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<LocalExpect> fromWord(String w) {
            for (LocalExpect e : values()) {
                if (e.word().equals(w)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }
    }

    /** When the instance was frozen, empty when it is not. */
    Optional<Instant> frozenAt(ObjectPath path);

    default boolean frozen(ObjectPath path) {
        return frozenAt(path).isPresent();
    }

    /**
     * Freezes the instance: the daemon starts nothing on it.
     *
     * @return false when it was frozen already
     * @throws om.api.OmException {@code <path>: cannot freeze: <cause>}
     */
    boolean freeze(ObjectPath path);

    /** Thaws the instance; false when it was not frozen. */
    boolean unfreeze(ObjectPath path);

    /** Whether the resource was stopped by an explicit stop and must not be restarted. */
    boolean stopped(ObjectPath path, String rid);

    /** Sets (explicit stop) or clears (start) the stopped flag of a resource. */
    void setStopped(ObjectPath path, String rid, boolean stopped);

    /**
     * The restarts the daemon tried on the resource since it was last seen up or cleared: the status shows
     * {@code restart_remaining} = {@code restart} minus this. 0 when none (and by default).
     *
     * @since 1.3
     */
    default int restartsUsed(ObjectPath path, String rid) {
        return 0;
    }

    /** Records the restarts the daemon tried (0 forgets them). @since 1.3 */
    default void setRestartsUsed(ObjectPath path, String rid, int used) {
    }

    LocalExpect localExpect(ObjectPath path);

    void setLocalExpect(ObjectPath path, LocalExpect expect);
}
