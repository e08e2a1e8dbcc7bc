package om.launcher;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What a daemon does between its base bundles (om.api, om.core...) and its entry points (om.daemon, om.shell):
 * refuse a malformed {@code etc/cluster.conf} or {@code etc/node.conf} (issue 9, "Bad input": the daemon does not
 * start on a configuration it cannot use), then write the cluster identity ({@code cluster.id},
 * {@code cluster.secret}) on the first start, so that nothing of the daemon ever runs without it. Both through the
 * node settings service, by reflection as {@link EmbeddedRunner} calls the command service: the launcher's class
 * loader has no om.api.
 */
final class NodeConfigCheck {
    static final String SETTINGS_SERVICE = "om.api.node.NodeSettings";
    static final String FILE_TYPE = "om.api.node.NodeFile";
    /** om.core starts at the base level with the others: its service is there at once, unless om.core is broken. */
    static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(10);

    private NodeConfigCheck() {
    }

    /**
     * Checks both files and writes the identity when they are good.
     *
     * @return null when the daemon may start, else the one error line to print
     */
    static String run(BundleContext context, PrintStream warnings) {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, SETTINGS_SERVICE, null);
        tracker.open(true);
        try {
            Object settings = tracker.waitForService(SERVICE_TIMEOUT.toMillis());
            ServiceReference<Object> ref = tracker.getServiceReference();
            if (settings == null || ref == null) {
                // no settings service means no om.core: the daemon cannot work, and says so itself
                warnings.println("warning: the node settings service did not start within "
                        + SERVICE_TIMEOUT.toSeconds() + "s: cluster.conf and node.conf not checked");
                return null;
            }
            return check(settings, ref.getBundle(), warnings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error: interrupted while checking the node configuration";
        } finally {
            tracker.close();
        }
    }

    static String check(Object settings, Bundle owner, PrintStream warnings) {
        List<String> errors = new ArrayList<>();
        try {
            Class<?> type = owner.loadClass(SETTINGS_SERVICE);
            Class<?> fileType = owner.loadClass(FILE_TYPE);
            Method validate = type.getMethod("validate", fileType);
            for (Object file : fileType.getEnumConstants()) {
                for (Object issue : (List<?>) validate.invoke(settings, file)) {
                    String message = (String) issue.getClass().getMethod("message").invoke(issue);
                    if (!message.startsWith("warning: ")) {
                        // ConfigIssue prints as <file>:<line>: <cause>
                        errors.add(issue.toString());
                    }
                }
            }
            if (!errors.isEmpty()) {
                return refusal(errors);
            }
            try {
                type.getMethod("ensureIdentity").invoke(settings);
            } catch (InvocationTargetException e) {
                // a read-only cluster.conf must not keep the daemon from starting: the next start retries
                warnings.println("warning: " + e.getCause().getMessage());
            }
            return null;
        } catch (InvocationTargetException e) {
            return "error: cannot check the node configuration: " + e.getCause().getMessage();
        } catch (ReflectiveOperationException | ClassCastException e) {
            return "error: incompatible node settings service: " + e;
        }
    }

    /** One line: the first error and the count of the others, which {@code om cluster config validate} lists. */
    static String refusal(List<String> errors) {
        return "error: " + errors.get(0) + (errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more)");
    }
}
