package om.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleWiring;

/** Starts a Felix framework and fills it with the jars of some folders. */
final class Platform {
    private Platform() {
    }

    /** Properties every om framework gets: storage, install root, node name, logging. */
    static Map<String, String> baseProperties(Layout layout, Path storage) {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put("om.root", layout.root().toString());
        p.put("om.dist", layout.dist().toString());
        if (layout.nodename() != null) {
            p.put("om.nodename", layout.nodename());
        }
        // JLine finds sun.misc.Signal (window resize, Ctrl-C) by reflection, without importing it
        p.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.misc");
        // two start levels (see FRONT): the framework begins at the lower one, installAndStart raises it
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(BASE_LEVEL));
        p.put("felix.startlevel.bundle", Integer.toString(DEPLOY_LEVEL)); // hot-deployed drivers
        return p;
    }

    /**
     * The framework storage of an embedded client: {@code var/embedded/<pid>}, private to root like the configs.
     * A client killed with SIGKILL cannot remove its folder, so each start first removes the folders of pids that
     * are no longer alive (a pid folder that is reused gets wiped by Felix's clean-on-first-init).
     */
    static Path embeddedStorage(Layout layout) throws IOException {
        Path parent = layout.var().resolve("embedded");
        Files.createDirectories(parent);
        removeDeadOwners(parent);
        Path mine = parent.resolve(Long.toString(ProcessHandle.current().pid()));
        if (!Files.isDirectory(mine)) {
            Files.createDirectory(mine, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        }
        return mine;
    }

    static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    /** Removes the children of {@code parent} named by the pid of a process that is gone. */
    static void removeDeadOwners(Path parent) {
        List<Path> children;
        try (Stream<Path> s = Files.list(parent)) {
            children = s.toList();
        } catch (IOException e) {
            return;
        }
        for (Path child : children) {
            long pid;
            try {
                pid = Long.parseLong(child.getFileName().toString());
            } catch (NumberFormatException e) {
                continue; // not ours
            }
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            deleteTree(child);
        }
    }

    /** Best-effort recursive delete. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // what is left goes at the next start
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Framework start(Map<String, String> properties) throws BundleException {
        // Felix takes its logger as an object in the (nominally String) configuration map
        Map config = new HashMap<>(properties);
        config.put("felix.log.logger", new StderrLogger());
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.init();
        privateStorage(properties.get(Constants.FRAMEWORK_STORAGE));
        framework.start();
        return framework;
    }

    /**
     * Felix's clean on first init makes the storage folder again with the umask's mode (0755), and the bundles keep
     * secrets there: Config Admin's files hold the listener's keystore password. So the folder is made private
     * like the configs, after the init (which made it) and before any bundle starts (which writes in it).
     */
    static void privateStorage(String storage) throws BundleException {
        if (storage == null || !Files.isDirectory(Path.of(storage))) {
            return;
        }
        try {
            Files.setPosixFilePermissions(Path.of(storage), PRIVATE_DIR);
        } catch (IOException | UnsupportedOperationException e) {
            throw new BundleException("cannot make the framework storage " + storage + " private: " + e.getMessage(),
                    e);
        }
    }

    /** The jars of {@code dir} in name order (none when the folder is missing). */
    static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Bundle-SymbolicName without directives, or the file name when the jar has none. */
    static String symbolicName(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            Attributes main = j.getManifest() == null ? null : j.getManifest().getMainAttributes();
            String bsn = main == null ? null : main.getValue(Constants.BUNDLE_SYMBOLICNAME);
            return bsn == null ? jar.getFileName().toString() : bsn.split(";", 2)[0].trim();
        } catch (IOException e) {
            return jar.getFileName().toString();
        }
    }

    /**
     * Installs the jars (those {@code keep} accepts) and starts every non-fragment, the front ones once the others
     * are up; failures become warnings.
     */
    static void installAndStart(BundleContext context, List<Path> jars, Predicate<Path> keep, PrintStream warnings) {
        start(install(context, jars, keep, warnings), warnings);
        raiseStartLevel(context, warnings);
    }

    /**
     * Brings the framework to the front level (once: later calls find it there) and waits until it is. On the way,
     * at the deploy level, it waits (bounded) for the drivers FileInstall deploys from its folder: the bridge must
     * not answer before they are there.
     */
    static void raiseStartLevel(BundleContext context, PrintStream warnings) {
        FrameworkStartLevel level = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)
                .adapt(FrameworkStartLevel.class);
        if (level.getStartLevel() >= FRONT_LEVEL) {
            return;
        }
        setLevel(level, DEPLOY_LEVEL, warnings);
        String deployDir = context.getProperty("felix.fileinstall.dir");
        if (deployDir != null) {
            awaitDeployed(context, jars(Path.of(deployDir)), DEPLOY_TIMEOUT);
        }
        setLevel(level, FRONT_LEVEL, warnings);
    }

    private static void setLevel(FrameworkStartLevel level, int target, PrintStream warnings) {
        CountDownLatch reached = new CountDownLatch(1);
        level.setStartLevel(target, event -> reached.countDown());
        try {
            if (!reached.await(START_LEVEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                warnings.println("warning: start level " + target + " not reached within "
                        + START_LEVEL_TIMEOUT.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until each jar's bundle is active (a fragment: resolved), at most {@code bound}. */
    static void awaitDeployed(BundleContext context, List<Path> jars, Duration bound) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (Path jar : jars) {
            wanted.add(symbolicName(jar));
        }
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() - deadline < 0) {
            java.util.Set<String> missing = new java.util.HashSet<>(wanted);
            for (Bundle b : context.getBundles()) {
                boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
                if (b.getState() == Bundle.ACTIVE || (fragment && b.getState() == Bundle.RESOLVED)) {
                    missing.remove(b.getSymbolicName());
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The entry points, started at a higher start level than the rest (API, core, log, DS runtime, libraries):
     * they start once the services they use and log through are all up, and a framework stop, which goes down
     * the start levels, stops them first, so that their closing lines ("daemon stopped") still reach the log.
     */
    static final Set<String> FRONT = Set.of("om.daemon", "om.shell");
    /**
     * FileInstall and the drivers it deploys sit between: its first scan of deploy/ runs as it starts, so the
     * drivers are up before the bridge answers (a command right after {@code omd --daemon} finds them), and they
     * stop after the entry points, once the engine has drained.
     */
    static final Set<String> DEPLOY = Set.of("org.apache.felix.fileinstall");
    static final int BASE_LEVEL = 1;
    static final int DEPLOY_LEVEL = 2;
    static final int FRONT_LEVEL = 3;
    /**
     * The daemon's web server (bundle/daemon/) starts last, once the bridge answers: nothing waits for the TLS
     * port, and a framework stop closes it first.
     */
    static final int LATE_LEVEL = 4;

    /**
     * Installs jars at {@link #LATE_LEVEL}, marked to start there: installed before the others, so that the
     * bundles importing their packages resolve, started after them.
     */
    static List<Bundle> installLate(BundleContext context, List<Path> jars, PrintStream warnings) {
        List<Bundle> late = install(context, jars, jar -> true, warnings);
        for (Bundle b : late) {
            b.adapt(BundleStartLevel.class).setStartLevel(LATE_LEVEL);
        }
        start(late, warnings);
        return late;
    }

    /** Raises the framework to {@link #LATE_LEVEL} without waiting for it. */
    static void raiseToLate(BundleContext context) {
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class)
                .setStartLevel(LATE_LEVEL);
    }
    static final Duration START_LEVEL_TIMEOUT = Duration.ofSeconds(60);
    /** How long a daemon start waits for the drivers of deploy/ before its bridge answers anyway. */
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(15);

    static List<Bundle> install(BundleContext context, List<Path> jars, Predicate<Path> keep, PrintStream warnings) {
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            if (!keep.test(jar)) {
                continue;
            }
            try {
                Bundle b = context.installBundle(jar.toUri().toString());
                String name = b.getSymbolicName();
                b.adapt(BundleStartLevel.class).setStartLevel(FRONT.contains(name) ? FRONT_LEVEL
                        : DEPLOY.contains(name) ? DEPLOY_LEVEL : BASE_LEVEL);
                installed.add(b);
            } catch (BundleException | RuntimeException e) {
                warnings.println("warning: cannot install " + jar.getFileName() + ": " + e.getMessage());
            }
        }
        return installed;
    }

    static void start(List<Bundle> bundles, PrintStream warnings) {
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                b.start();
            } catch (BundleException | RuntimeException e) {
                warnings.println("warning: cannot start " + b.getSymbolicName() + ": " + e.getMessage());
            }
        }
    }

    /** The class loader of the (resolved) bundle named {@code symbolicName} among {@code bundles}, if any. */
    static ClassLoader classLoader(List<Bundle> bundles, String symbolicName) {
        for (Bundle b : bundles) {
            if (symbolicName.equals(b.getSymbolicName())) {
                BundleWiring wiring = b.adapt(BundleWiring.class);
                return wiring == null ? null : wiring.getClassLoader();
            }
        }
        return null;
    }

    /** Stops the framework and waits for it; returns false if it did not stop in time. */
    static boolean stop(Framework framework, Duration timeout) {
        try {
            framework.stop();
            return framework.waitForStop(timeout.toMillis()).getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (BundleException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
