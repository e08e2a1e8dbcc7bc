package om.core.internal.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.action.ActionLog;
import om.api.action.ActionOptions;
import om.api.action.LogEvent;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;
import om.api.status.Level;
import om.core.internal.exec.LineSink;
import om.core.internal.exec.ProcessExecutor;

/** The context of one resource during one action or status evaluation. */
public final class ResourceContextImpl implements ResourceContext {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    private static final String DEFAULT = "DEFAULT";

    private final ObjectConfig config;
    private final String rid;
    private final Installation installation;
    private final ActionOptions options;
    private final ActionLog log;
    private final String action;
    private final ProcessExecutor executor;

    /**
     * @param action the action verb named in the log lines ({@code start}, {@code stop}, {@code status}...)
     */
    public ResourceContextImpl(ObjectConfig config, String rid, Installation installation, ActionOptions options,
                               ActionLog log, String action, ProcessExecutor executor) {
        this.config = config;
        this.rid = rid;
        this.installation = installation;
        this.options = options;
        this.log = log;
        this.action = action;
        this.executor = executor;
    }

    @Override
    public ObjectPath path() {
        return config.path();
    }

    @Override
    public String rid() {
        return rid;
    }

    @Override
    public String node() {
        return installation.nodename();
    }

    @Override
    public ObjectConfig config() {
        return config;
    }

    @Override
    public Path varDir() {
        Path dir = objectVarDir().resolve(rid);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            // the driver's own write into it reports the problem with its context
        }
        return dir;
    }

    @Override
    public Path objectVarDir() {
        return installation.varDir(config.path());
    }

    @Override
    public Duration timeout(String act) {
        return resourceDuration(act + "_timeout")
                .or(() -> resourceDuration("timeout"))
                .or(() -> writtenDuration(DEFAULT, act + "_timeout"))
                .or(() -> duration(DEFAULT, "timeout"))
                .orElse(DEFAULT_TIMEOUT);
    }

    /** The resource's own value: written, or a default of its driver's keyword table. */
    private Optional<Duration> resourceDuration(String key) {
        // a default made of a reference ({timeout}) stands for the object's value, not the resource's own
        boolean own = config.isWritten(rid, key) || config.keyword(rid, key)
                .map(k -> k.defaultValue() != null && !k.defaultValue().contains("{")).orElse(false);
        return own ? duration(rid, key) : Optional.empty();
    }

    /** Only a written object value: the keyword default of {@code <action>_timeout} is {@code timeout} itself. */
    private Optional<Duration> writtenDuration(String section, String key) {
        return config.isWritten(section, key) ? duration(section, key) : Optional.empty();
    }

    private Optional<Duration> duration(String section, String key) {
        return config.get(section, key).flatMap(Values::parseDuration);
    }

    @Override
    public ActionOptions options() {
        return options;
    }

    @Override
    public void info(String message) {
        emit(Level.INFO, message);
    }

    @Override
    public void warn(String message) {
        emit(Level.WARN, message);
    }

    @Override
    public void error(String message) {
        emit(Level.ERROR, message);
    }

    /** Logs at any level, DEBUG included. */
    public void emit(Level level, String message) {
        try {
            log.log(new LogEvent(Instant.now(), level, node(), path().canonical(), rid, action, message));
        } catch (RuntimeException e) {
            // ActionLog promises not to throw; a broken sink must not fail the resource action
        }
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        return executor.run(request, new LineSink() {
            @Override
            public void stdout(String line) {
                info(line);
            }

            @Override
            public void stderr(String line) {
                warn(line);
            }
        });
    }
}
