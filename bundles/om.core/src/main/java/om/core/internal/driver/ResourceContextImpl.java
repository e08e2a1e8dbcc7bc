package om.core.internal.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import om.api.Cancellation;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionLog;
import om.api.action.ActionOptions;
import om.api.action.LogEvent;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.DriverRegistry;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.Level;
import om.core.internal.exec.LineSink;
import om.core.internal.exec.ProcessExecutor;

/**
 * The context of one resource during one action or status evaluation. Values read through it (and through
 * {@link #config()}) have their {@code {<rid>.exposed_devs[<i>]}} references resolved by asking the referenced
 * resource's driver, at each read: a device appears when the resource exposing it starts.
 */
public final class ResourceContextImpl implements ResourceContext {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    private static final String DEFAULT = "DEFAULT";
    /** Exposed-device references nest through resources at most this deep. */
    private static final int MAX_CHAIN = 10;

    private final ObjectConfig config;
    private final String rid;
    private final Installation installation;
    private final ActionOptions options;
    private final ActionLog log;
    private final String action;
    private final ProcessExecutor executor;
    private final DriverRegistry drivers;
    private final Set<String> chain;
    private final boolean lenient;
    private final ResolvingConfig resolving;
    private final AtomicReference<DeviceReferenceException> unexposed = new AtomicReference<>();
    private final Cancellation cancel;

    /**
     * A context that keeps exposed-device references verbatim (no driver registry to resolve them).
     *
     * @param action the action verb named in the log lines ({@code start}, {@code stop}, {@code status}...)
     */
    public ResourceContextImpl(ObjectConfig config, String rid, Installation installation, ActionOptions options,
                               ActionLog log, String action, ProcessExecutor executor) {
        this(config, rid, installation, options, log, action, executor, null);
    }

    /** A context that resolves exposed-device references through {@code drivers}. */
    public ResourceContextImpl(ObjectConfig config, String rid, Installation installation, ActionOptions options,
                               ActionLog log, String action, ProcessExecutor executor, DriverRegistry drivers) {
        this(config, rid, installation, options, log, action, executor, drivers, Set.of(rid), false,
                Cancellation.NONE);
    }

    private ResourceContextImpl(ObjectConfig config, String rid, Installation installation, ActionOptions options,
                                ActionLog log, String action, ProcessExecutor executor, DriverRegistry drivers,
                                Set<String> chain, boolean lenient, Cancellation cancel) {
        this.config = config;
        this.rid = rid;
        this.installation = installation;
        this.options = options;
        this.log = log;
        this.action = action;
        this.executor = executor;
        this.drivers = drivers;
        this.chain = Set.copyOf(chain);
        this.lenient = lenient;
        this.cancel = cancel == null ? Cancellation.NONE : cancel;
        this.resolving = new ResolvingConfig(config, this::exposedDevices, lenient, this::failed);
    }

    /**
     * The same context, but an exposed-device reference that cannot be resolved now is kept verbatim: for
     * labels, which must show something while the resource exposing the device is down.
     */
    public ResourceContextImpl lenient() {
        return lenient ? this : new ResourceContextImpl(config, rid, installation, options, log, action, executor,
                drivers, chain, true, cancel);
    }

    /**
     * The same context under another cancellation: the action's, or a fresh one for a rollback, whose commands
     * must run even though the action was cancelled.
     */
    public ResourceContextImpl withCancellation(Cancellation c) {
        return new ResourceContextImpl(config, rid, installation, options, log, action, executor, drivers, chain,
                lenient, c);
    }

    @Override
    public Cancellation cancellation() {
        return cancel;
    }

    /** Whether a value holds a {@code {<rid>.exposed_devs[<i>]}} reference. */
    public static boolean hasDeviceReference(String value) {
        return ResolvingConfig.hasReference(value);
    }

    /** The config as evaluated, exposed-device references verbatim. */
    public ObjectConfig rawConfig() {
        return config;
    }

    /**
     * The last reference this context could not resolve because the resource it names exposes no device
     * (is down): what the resource depends on is absent, so the resource cannot be up.
     */
    public Optional<DeviceReferenceException> unexposedReference() {
        return Optional.ofNullable(unexposed.get());
    }

    private void failed(DeviceReferenceException e) {
        if (e.notExposed()) {
            unexposed.set(e);
        }
    }

    /** The devices {@code other} exposes now, asked of its driver through its own context. */
    private List<String> exposedDevices(String reference, String other) {
        if (drivers == null) {
            return null;
        }
        String ref = "reference " + reference + ": ";
        if (!config.rids().contains(other)) {
            throw new DeviceReferenceException(ref + "no resource " + other, false);
        }
        if (chain.contains(other) || chain.size() >= MAX_CHAIN) {
            throw new DeviceReferenceException(ref + "reference loop through " + other, false);
        }
        ResourceSpec spec;
        try {
            spec = ResourceSpec.read(config, other);
        } catch (OmException e) {
            throw new DeviceReferenceException(ref + e.getMessage(), false);
        }
        ResourceDriver driver = spec.driver(drivers).orElseThrow(() -> new DeviceReferenceException(ref
                + (spec.type() == null ? other + ".type is not set"
                : "driver " + spec.driverId() + " of " + other + " is not available"), false));
        Set<String> next = new HashSet<>(chain);
        next.add(other);
        // asking is a query: its routine output would only clutter the action log
        ActionLog quiet = ev -> {
            if (ev.level() == Level.WARN || ev.level() == Level.ERROR) {
                log.log(ev);
            }
        };
        ResourceContextImpl octx = new ResourceContextImpl(config, other, installation, options, quiet, action,
                executor, drivers, next, false, cancel);
        try {
            List<String> devs = driver.exposedDevices(octx);
            return devs == null ? List.of() : devs;
        } catch (DeviceReferenceException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new DeviceReferenceException(ref + other + ": " + m, false);
        }
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

    /** The config with exposed-device references resolved on read. */
    @Override
    public ObjectConfig config() {
        return resolving;
    }

    /** A missing value, or one whose reference cannot be resolved, fails the action with one line. */
    @Override
    public String require(String key) throws ActionException {
        try {
            return ResourceContext.super.require(key);
        } catch (OmException e) {
            throw new ActionException(e.getMessage(), e);
        }
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

    /** The resource's subset, for the {@code rs:} field of log lines; null when none. */
    private String subset() {
        try {
            return config.get(rid, "subset").filter(s -> !s.isBlank()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Logs at any level, DEBUG included. */
    public void emit(Level level, String message) {
        try {
            log.log(new LogEvent(Instant.now(), level, node(), path().canonical(), rid, action, message, null,
                    subset(), false, null));
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
        }, cancel);
    }
}
