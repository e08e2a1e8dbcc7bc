package om.daemon.internal.http;

import jakarta.servlet.ServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Server;

/**
 * Puts {@link JsonErrorHandler} in place of the Jetty server's HTML error page. Felix HTTP gives no hook into
 * the server it makes (a new one at each configuration), so the first request to reach the node API's context
 * installs it, from the Jetty request under the whiteboard's wrappers; {@link HttpConfigurator} sends that first
 * request itself right after each configuration, so that no client sees the HTML page.
 */
final class JettyErrors {
    private JettyErrors() {
    }

    static void install(ServletRequest request) {
        try {
            ServletContextRequest r = ServletContextRequest.getServletContextRequest(request);
            Server server = r == null ? null : r.getConnectionMetaData().getConnector().getServer();
            if (server != null && !(server.getErrorHandler() instanceof JsonErrorHandler)) {
                server.setErrorHandler(new JsonErrorHandler());
            }
        } catch (RuntimeException | LinkageError e) {
            // another servlet container (the tests' plain Jetty is the same one): its own error pages stay
        }
    }
}
