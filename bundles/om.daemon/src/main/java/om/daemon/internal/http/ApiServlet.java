package om.daemon.internal.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import om.api.OmException;

/**
 * What every servlet of the node API shares: it runs in the {@code om} context ({@link ApiContext}, so it is
 * authenticated), answers the methods of its route table ({@link #routes()}: 405 JSON for any other) and turns any
 * failure into the JSON error body: an {@link ApiException} with its status, an {@link OmException} as 500 with its
 * one line, anything else as 500 with the exception's class and message, never a stack trace.
 */
abstract class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** A failure with the status the client gets. */
    static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        ApiException(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }

    /** What answers one method. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException;
    }

    /** Built once, at the first request (a servlet's fields are set by then). */
    private transient volatile Map<String, Handler> routes;

    /** The methods this servlet answers ({@code "GET"}, {@code "POST"}), each with its handler. */
    protected abstract Map<String, Handler> routes();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            Map<String, Handler> r = routes;
            if (r == null) {
                r = Map.copyOf(routes());
                routes = r;
            }
            Handler h = r.get(req.getMethod());
            if (h == null) {
                throw notAllowed(req);
            }
            h.handle(req, resp);
        } catch (ApiException e) {
            ApiError.of(e.status, e.getMessage()).send(resp);
        } catch (OmException e) {
            ApiError.of(500, e.getMessage()).send(resp);
        } catch (RuntimeException e) {
            String m = e.getMessage();
            ApiError.of(500, e.getClass().getSimpleName() + (m == null ? "" : ": " + m)).send(resp);
        }
    }

    static ApiException notAllowed(HttpServletRequest req) {
        return new ApiException(405, req.getMethod() + " is not allowed on " + req.getRequestURI());
    }

    static ApiException notFound(HttpServletRequest req) {
        return new ApiException(404, "no such endpoint: " + req.getRequestURI());
    }

    static void sendJson(HttpServletResponse resp, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
