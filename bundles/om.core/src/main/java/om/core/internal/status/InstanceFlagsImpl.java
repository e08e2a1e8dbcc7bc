package om.core.internal.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.io.AtomicFile;
import om.api.status.InstanceFlags;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The instance flags as files under the object's var dir (objects-and-config.md section 2), so that the
 * daemon, the embedded client and every verb see one state: {@code frozen} (its mtime is the freeze time),
 * {@code <rid>/stopped}, and {@code local_expect} (absent means {@code none}).
 */
@Component(service = InstanceFlags.class)
public final class InstanceFlagsImpl implements InstanceFlags {
    static final String FROZEN = "frozen";
    static final String STOPPED = "stopped";
    /** {@code <vardir>/<rid>/restarts}: the restarts the daemon tried since the resource was last seen up. */
    static final String RESTARTS = "restarts";
    static final String LOCAL_EXPECT = "local_expect";

    private final Installation installation;

    @Activate
    public InstanceFlagsImpl(@Reference Installation installation) {
        this.installation = installation;
    }

    @Override
    public Optional<Instant> frozenAt(ObjectPath path) {
        return Optional.ofNullable(InstanceStatusEvaluator.mtime(varDir(path).resolve(FROZEN)));
    }

    @Override
    public boolean freeze(ObjectPath path) {
        Path flag = varDir(path).resolve(FROZEN);
        if (Files.exists(flag)) {
            return false;
        }
        try {
            Files.createDirectories(flag.getParent());
            AtomicFile.write(flag, Instant.now() + "\n");
            return true;
        } catch (IOException e) {
            throw new OmException(path.canonical() + ": cannot freeze: " + e.getMessage());
        }
    }

    @Override
    public boolean unfreeze(ObjectPath path) {
        try {
            return Files.deleteIfExists(varDir(path).resolve(FROZEN));
        } catch (IOException e) {
            throw new OmException(path.canonical() + ": cannot thaw: " + e.getMessage());
        }
    }

    @Override
    public boolean stopped(ObjectPath path, String rid) {
        return Files.exists(varDir(path).resolve(rid).resolve(STOPPED));
    }

    @Override
    public void setStopped(ObjectPath path, String rid, boolean stopped) {
        Path flag = varDir(path).resolve(rid).resolve(STOPPED);
        try {
            if (stopped) {
                Files.createDirectories(flag.getParent());
                AtomicFile.write(flag, Instant.now() + "\n");
            } else {
                Files.deleteIfExists(flag);
            }
        } catch (IOException e) {
            throw new OmException(path.canonical() + ": " + rid + ": cannot " + (stopped ? "set" : "clear")
                    + " the stopped flag: " + e.getMessage());
        }
    }

    @Override
    public int restartsUsed(ObjectPath path, String rid) {
        try {
            return Math.max(0, Integer.parseInt(Files.readString(varDir(path).resolve(rid).resolve(RESTARTS),
                    StandardCharsets.UTF_8).strip()));
        } catch (IOException | NumberFormatException e) {
            // none recorded, or a torn file: the full budget shows, the daemon writes it again at its next try
            return 0;
        }
    }

    @Override
    public void setRestartsUsed(ObjectPath path, String rid, int used) {
        Path file = varDir(path).resolve(rid).resolve(RESTARTS);
        try {
            if (used > 0) {
                Files.createDirectories(file.getParent());
                AtomicFile.write(file, used + "\n");
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new OmException(path.canonical() + ": " + rid + ": cannot record the restarts: " + e.getMessage());
        }
    }

    @Override
    public LocalExpect localExpect(ObjectPath path) {
        try {
            return LocalExpect.fromWord(Files.readString(varDir(path).resolve(LOCAL_EXPECT), StandardCharsets.UTF_8)
                    .strip()).orElse(LocalExpect.NONE);
        } catch (NoSuchFileException e) {
            return LocalExpect.NONE;
        } catch (IOException e) {
            return LocalExpect.NONE;
        }
    }

    @Override
    public void setLocalExpect(ObjectPath path, LocalExpect expect) {
        Path file = varDir(path).resolve(LOCAL_EXPECT);
        try {
            if (expect == null || expect == LocalExpect.NONE) {
                Files.deleteIfExists(file);
            } else {
                Files.createDirectories(file.getParent());
                AtomicFile.write(file, expect.word() + "\n");
            }
        } catch (IOException e) {
            throw new OmException(path.canonical() + ": cannot set the local expect: " + e.getMessage());
        }
    }

    private Path varDir(ObjectPath path) {
        return installation.varDir(path);
    }
}
