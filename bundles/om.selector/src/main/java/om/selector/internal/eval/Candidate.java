package om.selector.internal.eval;

import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Function;
import om.api.OmException;
import om.api.ObjectPath;
import om.api.config.ObjectConfig;

/**
 * The object under test. One instance is reused across the universe of an evaluation so that the FQN is built
 * and the configuration loaded at most once per object, and only when a term needs them.
 */
final class Candidate {
    private final Function<ObjectPath, Optional<ObjectConfig>> loader;
    private ObjectPath path;
    private String fqn;
    private ObjectConfig config;
    private boolean loaded;

    Candidate(Function<ObjectPath, Optional<ObjectConfig>> loader) {
        this.loader = loader;
    }

    void reset(ObjectPath next) {
        path = next;
        fqn = null;
        config = null;
        loaded = false;
    }

    ObjectPath path() {
        return path;
    }

    String fqn() {
        if (fqn == null) {
            fqn = path.fqn();
        }
        return fqn;
    }

    /** The configuration, or null when it is not installed here or cannot be read (it then matches no filter). */
    ObjectConfig config() {
        if (!loaded) {
            loaded = true;
            try {
                config = loader.apply(path).orElse(null);
            } catch (OmException | UncheckedIOException e) {
                // a broken or vanishing config file excludes the object from filters, not from the selection
                config = null;
            }
        }
        return config;
    }
}
