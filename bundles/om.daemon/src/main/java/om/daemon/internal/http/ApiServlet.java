package om.daemon.internal.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import om.api.OmException;

/**
 * What every servlet of the node API shares: it runs in the {@code om} context ({@link ApiContext}, so it is
 * authenticated), answers only the methods it overrides (405 JSON otherwise) and turns any failure into the JSON
 * error body: an {@link ApiException} with its status, an {@link OmException} as 500 with its one line, anything
 * else as 500 with the exception's class and message, never a stack trace.
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

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            super.service(req, resp);
        } catch (ApiException e) {
            ApiError.of(e.status, e.getMessage()).send(resp);
        } catch (OmException e) {
            ApiError.of(500, e.getMessage()).send(resp);
        } catch (RuntimeException | jakarta.servlet.ServletException e) {
            String m = e.getMessage();
            ApiError.of(500, e.getClass().getSimpleName() + (m == null ? "" : ": " + m)).send(resp);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        throw notAllowed(req);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        throw notAllowed(req);
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        throw notAllowed(req);
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        throw notAllowed(req);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        throw notAllowed(req);
    }

    @Override
    protected void doOptions(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        throw notAllowed(req);
    }

    @Override
    protected void doTrace(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        throw notAllowed(req);
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
