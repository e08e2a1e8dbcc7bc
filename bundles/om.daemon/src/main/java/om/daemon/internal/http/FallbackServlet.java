package om.daemon.internal.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The rest of the node API's context: the default servlet ({@code /}: any other URL is a 404 JSON) and the error
 * page of every status and exception (a {@code sendError} or a failure anywhere in the context becomes the JSON
 * error body, never the container's HTML page or a stack trace).
 */
@Component(service = Servlet.class, property = {Whiteboard.SELECT, Whiteboard.PATTERN + "/",
        Whiteboard.ERROR_PAGE + "4xx", Whiteboard.ERROR_PAGE + "5xx", Whiteboard.ERROR_PAGE + "java.lang.Throwable"})
public final class FallbackServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    public FallbackServlet() {
    }

    /** None: every method of every URL here gets the JSON error, in {@link #service}. */
    @Override
    protected Map<String, Handler> routes() {
        return Map.of();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer status) {
            Object ex = req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            Object message = req.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            String detail = ex instanceof Throwable t ? t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage())
                    : message == null || message.toString().isEmpty() ? ApiError.title(status) : message.toString();
            Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (status == 404 && uri != null) {
                detail = "no such endpoint: " + uri;
            }
            ApiError.of(status, detail).send(resp);
            return;
        }
        ApiError.of(404, "no such endpoint: " + req.getRequestURI()).send(resp);
    }
}
