package om.daemon.internal.http;

/** The servlet whiteboard properties of the node API's components (OSGi Servlet Whiteboard 2.0). */
final class Whiteboard {
    /** The node API's servlet context. */
    static final String CONTEXT = "om";
    static final String CONTEXT_NAME = "osgi.http.whiteboard.context.name=" + CONTEXT;
    static final String CONTEXT_PATH = "osgi.http.whiteboard.context.path=/";
    static final String SELECT = "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name="
            + CONTEXT + ")";
    static final String PATTERN = "osgi.http.whiteboard.servlet.pattern=";
    static final String ERROR_PAGE = "osgi.http.whiteboard.servlet.errorPage=";

    private Whiteboard() {
    }
}
