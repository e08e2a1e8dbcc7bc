package om.core.internal.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import om.api.config.Values;
import om.api.driver.ResourceDriver;
import om.api.io.AtomicFile;

/**
 * The provisioned state of a resource as the provision and unprovision actions left it, in
 * {@code <vardir>/<rid>/provisioned} ({@code true <time>} or {@code false <time>}), and the effective state:
 * the driver's own answer when it has one, else that record, else {@code true} (a resource nobody provisioned
 * with om was set up by hand, as before provisioning existed).
 */
public final class ProvisionRecord {
    public static final String FILE = "provisioned";
    public static final String TRUE = "true";
    public static final String FALSE = "false";
    public static final String UNDEF = "undef";

    private ProvisionRecord() {
    }

    /** The recorded state, empty when never recorded or unreadable. */
    public static Optional<Boolean> read(Path ridDir) {
        try {
            String text = Files.readString(ridDir.resolve(FILE), StandardCharsets.UTF_8).strip();
            int sp = text.indexOf(' ');
            return Values.parseBool(sp < 0 ? text : text.substring(0, sp));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records the state with the current time, replacing the file atomically. */
    public static void write(Path ridDir, boolean provisioned) throws IOException {
        AtomicFile.write(ridDir.resolve(FILE), provisioned + " " + Instant.now() + "\n");
    }

    /**
     * {@code true}, {@code false} or {@code undef} (the driver failed to answer). A driver that cannot tell
     * because a device it uses is not exposed now (the disk under a filesystem is down) falls back to the
     * record.
     *
     * @param driver null when not deployed
     */
    public static String effective(ResourceDriver driver, ResourceContextImpl ctx) {
        Path ridDir = ctx.objectVarDir().resolve(ctx.rid());
        if (driver != null) {
            try {
                Optional<Boolean> own = driver.provisioned(ctx);
                if (own != null && own.isPresent()) {
                    return own.get().toString();
                }
            } catch (RuntimeException | LinkageError e) {
                if (DeviceReferenceException.notExposedIn(e).isEmpty()) {
                    return UNDEF;
                }
            }
        }
        return read(ridDir).map(String::valueOf).orElse(TRUE);
    }
}
