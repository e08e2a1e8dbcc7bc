package om.driver.app.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import om.api.driver.ActionException;

/**
 * Launches a service process that outlives om: own session (the argv starts with setsid), stdin from /dev/null,
 * stdout and stderr appended to a file, since it runs forever and must not fill the action log.
 */
public final class DetachedProcess {
    private DetachedProcess() {
    }

    /**
     * The output may hold secrets (a password echoed by the service): created 0600 like the configs, at creation
     * (no window where it is world-readable), and a file of an older version is brought to 0600.
     */
    static void privateFile(Path file) throws IOException {
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, owner);
        }
    }

    public static Process launch(PreparedCommand pc, Path output) throws ActionException {
        ProcessBuilder pb = new ProcessBuilder(pc.argv());
        if (pc.cwd() != null) {
            pb.directory(pc.cwd().toFile());
        }
        pb.environment().putAll(pc.env());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        pb.redirectErrorStream(true);
        try {
            Files.createDirectories(output.getParent());
            privateFile(output);
            return pb.start();
        } catch (IOException e) {
            throw new ActionException("start failed: " + e.getMessage());
        }
    }
}
