package om.daemon.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import om.api.json.Json;

/**
 * An API error as the client sees it: the HTTP status and {@code {"status", "title", "detail"}} (section 6), the
 * detail one line.
 */
record ApiError(int status, String title, String detail) {
    ApiError {
        detail = oneLine(detail);
    }

    static ApiError of(int status, String detail) {
        return new ApiError(status, title(status), detail);
    }

    /** The reason phrases of the statuses this API answers with (RFC 9110). */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 508 -> "Loop Detected";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
    }

    String json() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("status", status);
        n.put("title", title);
        n.put("detail", detail);
        return n.toString();
    }

    /** Writes this error as the whole response (nothing must have been committed yet). */
    void send(HttpServletResponse resp) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        if (status == 401) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"om\", charset=\"UTF-8\"");
        }
        byte[] body = json().getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        return om.api.Quote.line(s.strip().lines().findFirst().orElse(""), 300);
    }
}
