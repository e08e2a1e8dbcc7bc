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
    static final String CANCELLATION_TYPE = "om.api.Cancellation";
    /** How long a JVM shutdown (SIGHUP, or a signal when handlers are not available) waits for the command. */
    static final Duration INTERRUPT_WAIT = Duration.ofSeconds(30);

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
        Command command = new Command(BridgeClient.isStreaming(request.args()));
        // Ctrl-C: the command is cancelled ("interrupted") and ends by itself (its process group killed, its
        // closing log line written); a second one, or --watch/--follow, ends the JVM at once.
        boolean handled = Interrupts.install(name -> command.interrupt(out, err));
        // any other JVM shutdown (SIGHUP, or no signal handlers): cancel, wait (bounded), then drop the cache
        Thread cleanup = new Thread(() -> {
            command.cancel();
            command.awaitReturn(INTERRUPT_WAIT);
            Platform.deleteTree(storage);
        }, "om-embedded-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Framework framework = null;
        try {
            framework = Platform.start(Platform.baseProperties(layout, storage));
            Platform.installAndStart(framework.getBundleContext(), Platform.jars(layout.bundles()),
                    jar -> !DAEMON_ONLY.contains(Platform.symbolicName(jar)), err);
            Platform.installAndStart(framework.getBundleContext(), Platform.jars(layout.deploy()), jar -> true, err);
            return invoke(framework, request, in, out, err, command);
        } catch (BundleException | RuntimeException e) {
            err.println("error: cannot start the embedded platform: " + e.getMessage());
            return 1;
        } finally {
            command.returned();
            if (framework != null) {
                // the handler stays while the framework stops: a Ctrl-C now ends the JVM at once
                Platform.stop(framework, STOP_TIMEOUT);
            }
            if (handled) {
                Interrupts.restore();
            }
            Platform.deleteTree(storage);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down: the hook does the cleanup
            }
        }
    }

    /** The running command's cancellation (an om.api object, reached by reflection) and its end. */
    static final class Command {
        private final boolean streaming;
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        private volatile Object cancellation;
        private final java.util.concurrent.atomic.AtomicInteger signals = new java.util.concurrent.atomic.AtomicInteger();

        Command(boolean streaming) {
            this.streaming = streaming;
        }

        void started(Object cancellation) {
            this.cancellation = cancellation;
        }

        void returned() {
            ended.countDown();
        }

        /** Cancels with "interrupted"; false when there is nothing to cancel yet. */
        boolean cancel() {
            Object c = cancellation;
            if (c == null) {
                return false;
            }
            try {
                c.getClass().getMethod("cancel", String.class).invoke(c, "interrupted");
                return true;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }

        void interrupt(PrintStream out, PrintStream err) {
            int n = signals.incrementAndGet();
            if (n > 1 || ended.getCount() == 0) {
                // a second Ctrl-C, or one while the framework stops after the command: out at once (the storage
                // folder of a dead pid is removed by the next embedded start)
                Runtime.getRuntime().halt(130);
            }
            if (!cancel() || streaming) {
                // nothing started yet, or a command that runs until interrupted (now cancelled)
                out.flush();
                err.flush();
                Runtime.getRuntime().halt(streaming ? 0 : 130);
            }
        }

        void awaitReturn(Duration bound) {
            try {
                ended.await(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int invoke(Framework framework, ClientRequest request, InputStream in, PrintStream out,
                              PrintStream err, Command command) {
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
            return call(runner, ref.getBundle(), request, in, out, err, command);
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
                    PrintStream err, Command command) {
        try {
            Class<?> invocationType = owner.loadClass(INVOCATION_TYPE);
            Class<?> runnerType = owner.loadClass(RUNNER_SERVICE);
            Class<?> cancellationType = owner.loadClass(CANCELLATION_TYPE);
            Object cancellation = cancellationType.getConstructor().newInstance();
            Object invocation = invocationType
                    .getConstructor(List.class, Path.class, Map.class, boolean.class, int.class, InputStream.class,
                            PrintStream.class, PrintStream.class, cancellationType)
                    .newInstance(request.args(), request.cwd(), request.env(), request.tty(), request.width(), in,
                            out, err, cancellation);
            command.started(cancellation);
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
}
