package om.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/** {@code omd} in the foreground: the daemon's framework, optionally with the interactive Gogo shell. */
final class DaemonMode {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private DaemonMode() {
    }

    /** Framework properties of the daemon: persistent storage under var/ and the hot-deploy folder. */
    static Map<String, String> properties(Layout layout) {
        Map<String, String> p = Platform.baseProperties(layout, layout.var().resolve("felix-cache"));
        p.put("felix.fileinstall.dir", layout.deploy().toString());
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.log.level", "1");
        // FileInstall's work folder: under var/ and reused, not a fresh /tmp/fileinstall-* left by every kill -9
        p.put("felix.fileinstall.tmpdir", layout.var().resolve("fileinstall").toString());
        // Felix HTTP: no listener at all (not even its default plain HTTP on 8080) until om.daemon gives it the
        // TLS configuration from the [listener] keywords through Config Admin (pid org.apache.felix.http)
        p.put("org.apache.felix.http.require.config", "true");
        p.put("org.apache.felix.http.enable", "false");
        return p;
    }

    /**
     * Held for the life of the JVM (a static root keeps the channel, and so the lock, from being collected); the
     * kernel releases it when the process dies.
     */
    private static RootLock rootLock;

    static int run(Layout layout, boolean shell, PrintStream err) {
        // the root lock comes first: nothing under var/ (felix-cache above all) is touched without it
        try {
            // a daemon that is stopping (om daemon restart, stop then start) is waited for, not refused
            RootLock.awaitStopped(layout.lockFile(), RootLock.STOP_WAIT);
            rootLock = RootLock.acquire(layout.lockFile(), layout.root());
        } catch (RootLock.HeldException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: cannot lock " + layout.lockFile() + ": " + e.getMessage());
            return 1;
        }
        PidFile pidFile = new PidFile(layout.pidFile());
        long pid = ProcessHandle.current().pid();
        Framework framework;
        try {
            // logs may hold secrets: their folder is private like the configs (om.log creates the files 0600)
            Files.createDirectories(layout.log(), PosixFilePermissions.asFileAttribute(Platform.PRIVATE_DIR));
            Files.createDirectories(layout.deploy());
            pidFile.write(pid);
            // Jetty logs through SLF4J (slf4j-simple, to log/omd.out): its warnings only, not each start line
            if (System.getProperty(SLF4J_LEVEL) == null) {
                System.setProperty(SLF4J_LEVEL, "warn");
            }
            framework = Platform.start(properties(layout));
        } catch (IOException | BundleException | RuntimeException e) {
            pidFile.deleteIfOwnedBy(pid);
            err.println("error: cannot start the daemon: " + e.getMessage());
            return 1;
        }
        // however the stop begins (om daemon stop, SIGTERM), a start meanwhile waits for it rather than refusing
        framework.getBundleContext().addBundleListener((org.osgi.framework.SynchronousBundleListener) e -> {
            if (e.getType() == org.osgi.framework.BundleEvent.STOPPING && e.getBundle().getBundleId() == 0) {
                rootLock.markStopping();
            }
        });
        // om daemon stop says so at once through this service, before its announce and drains
        java.util.Hashtable<String, Object> marker = new java.util.Hashtable<>();
        marker.put("om.launcher", "stopping");
        framework.getBundleContext().registerService(Runnable.class, () -> rootLock.markStopping(), marker);
        // SIGTERM / SIGINT: stop the bundles properly so the socket and the pid file are removed
        Thread hook = new Thread(() -> {
            // the framework's STOPPING event above marks the lock file
            Platform.stop(framework, STOP_TIMEOUT);
            pidFile.deleteIfOwnedBy(pid);
        }, "omd-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Platform.installLate(framework.getBundleContext(), Platform.jars(layout.daemonBundles()), err);
        Platform.start(Platform.install(framework.getBundleContext(), Platform.jars(layout.bundles()), jar -> true,
                err), err);
        // at the base start level: om.core is up, the daemon's entry points are not started yet
        String refusal = NodeConfigCheck.run(framework.getBundleContext(), err);
        if (refusal != null) {
            err.println(refusal);
            Platform.stop(framework, STOP_TIMEOUT);
            rootLock.close();
            pidFile.deleteIfOwnedBy(pid);
            removeHook(hook);
            return 1;
        }
        Platform.raiseStartLevel(framework.getBundleContext(), err);
        Platform.raiseToLate(framework.getBundleContext());
        if (shell) {
            startShell(framework, layout, err);
        }
        waitForStop(framework);
        // the framework is down: the next daemon may take the root now, before this JVM has exited
        rootLock.close();
        pidFile.deleteIfOwnedBy(pid);
        removeHook(hook);
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
    }

    /**
     * JLine finds its terminal providers (exec, ...) as resources of the thread context class loader; the shell
     * thread inherits it from the thread starting the Gogo JLine bundle, so that must be JLine's own loader, else
     * JLine falls back to a dumb terminal.
     */
    private static void startShell(Framework framework, Layout layout, PrintStream err) {
        List<Bundle> bundles = Platform.install(framework.getBundleContext(), Platform.jars(layout.shellBundles()),
                jar -> true, err);
        framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
        ClassLoader jline = Platform.classLoader(bundles, "org.jline");
        Thread current = Thread.currentThread();
        ClassLoader saved = current.getContextClassLoader();
        if (jline != null) {
            current.setContextClassLoader(jline);
        }
        try {
            Platform.start(bundles, err);
        } finally {
            current.setContextClassLoader(saved);
        }
    }

    private static void waitForStop(Framework framework) {
        while (true) {
            try {
                framework.waitForStop(0);
                return;
            } catch (InterruptedException e) {
                // only a framework stop ends the daemon
            }
        }
    }
}
