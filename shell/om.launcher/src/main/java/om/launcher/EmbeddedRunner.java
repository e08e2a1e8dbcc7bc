package om.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs one command without a daemon: a throw-away framework with the core bundles (minus the daemon and the
 * hot-deploy watcher) and the drivers of deploy/, in a temporary storage folder removed at exit.
 */
final class EmbeddedRunner {
    static final String RUNNER_SERVICE = "om.api.cli.CommandRunner";
    static final String INVOCATION_TYPE = "om.api.cli.Invocation";
    /** Bundles that only make sense in a long-running daemon. */
    static final Set<String> DAEMON_ONLY = Set.of("om.daemon", "org.apache.felix.fileinstall");
    static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private EmbeddedRunner() {
    }

    static int run(Layout layout, ClientRequest request, InputStream in, PrintStream out, PrintStream err) {
        Path storage;
        try {
            storage = Platform.embeddedStorage(layout);
        } catch (IOException e) {
            err.println("error: cannot create the embedded framework storage: " + e.getMessage());
            return 1;
        }
        // Ctrl-C must not leave the framework cache behind
        Thread cleanup = new Thread(() -> deleteTree(storage), "om-embedded-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Framework framework = null;
        try {
            framework = Platform.start(Platform.baseProperties(layout, storage));
            Platform.installAndStart(framework.getBundleContext(), Platform.jars(layout.bundles()),
                    jar -> !DAEMON_ONLY.contains(Platform.symbolicName(jar)), err);
            Platform.installAndStart(framework.getBundleContext(), Platform.jars(layout.deploy()), jar -> true, err);
            return invoke(framework, request, in, out, err);
        } catch (BundleException | RuntimeException e) {
            err.println("error: cannot start the embedded platform: " + e.getMessage());
            return 1;
        } finally {
            if (framework != null) {
                Platform.stop(framework, STOP_TIMEOUT);
            }
            deleteTree(storage);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down: the hook does the cleanup
            }
        }
    }

    private static int invoke(Framework framework, ClientRequest request, InputStream in, PrintStream out,
                              PrintStream err) {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(framework.getBundleContext(), RUNNER_SERVICE,
                null);
        tracker.open(true);
        try {
            Object runner = tracker.waitForService(SERVICE_TIMEOUT.toMillis());
            ServiceReference<Object> ref = tracker.getServiceReference();
            if (runner == null || ref == null) {
                err.println("error: the om command service did not start within " + SERVICE_TIMEOUT.toSeconds()
                        + "s");
                return 1;
            }
            return call(runner, ref.getBundle(), request, in, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            tracker.close();
        }
    }

    /**
     * Calls CommandRunner.run(Invocation) through the classes the service's bundle sees: the launcher's class
     * loader has no om.api, so this is the one place where reflection stands in for the interface.
     */
    static int call(Object runner, Bundle owner, ClientRequest request, InputStream in, PrintStream out,
                    PrintStream err) {
        try {
            Class<?> invocationType = owner.loadClass(INVOCATION_TYPE);
            Class<?> runnerType = owner.loadClass(RUNNER_SERVICE);
            Object invocation = invocationType
                    .getConstructor(List.class, Path.class, Map.class, boolean.class, int.class, InputStream.class,
                            PrintStream.class, PrintStream.class)
                    .newInstance(request.args(), request.cwd(), request.env(), request.tty(), request.width(), in,
                            out, err);
            Method run = runnerType.getMethod("run", invocationType);
            return (Integer) run.invoke(runner, invocation);
        } catch (InvocationTargetException e) {
            err.println("error: " + e.getCause());
            return 1;
        } catch (ReflectiveOperationException | ClassCastException e) {
            err.println("error: incompatible om command service: " + e);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort: it lives in the temp folder
        }
    }
}
