package om.driver.app.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import om.api.driver.ActionException;

/**
 * Launches a service process that outlives om: own session (the argv starts with setsid), stdin from /dev/null,
 * stdout and stderr appended to a file, since it runs forever and must not fill the action log.
 */
public final class DetachedProcess {
    private DetachedProcess() {
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
            return pb.start();
        } catch (IOException e) {
            throw new ActionException("start failed: " + e.getMessage());
        }
    }
}
