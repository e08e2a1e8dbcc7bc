package om.driver.app.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import om.api.driver.ActionException;

/** Finds a command's program before running it, so a typo fails with one line instead of a spawn error. */
public final class Executables {
    private static final String FALLBACK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Executables() {
    }

    /**
     * The program file of {@code program}: taken as a path when it holds a slash (relative to {@code cwd}), else
     * searched in the PATH the command will see.
     *
     * @throws ActionException {@code <program>: not found} or {@code <program>: not executable}
     */
    public static Path require(String program, Path cwd, Map<String, String> env) throws ActionException {
        if (program.contains("/")) {
            Path p = Path.of(program);
            if (!p.isAbsolute() && cwd != null) {
                p = cwd.resolve(p);
            }
            return check(program, p);
        }
        String path = env.getOrDefault("PATH", System.getenv("PATH"));
        boolean sawFile = false;
        for (String dir : (path == null || path.isEmpty() ? FALLBACK_PATH : path).split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(p)) {
                if (Files.isExecutable(p)) {
                    return p;
                }
                sawFile = true;
            }
        }
        throw new ActionException(program + (sawFile ? ": not executable" : ": not found"));
    }

    private static Path check(String program, Path p) throws ActionException {
        if (!Files.exists(p)) {
            throw new ActionException(program + ": not found");
        }
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new ActionException(program + ": not executable");
        }
        return p;
    }
}
