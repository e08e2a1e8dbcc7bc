package om.daemon.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApiErrorTest {
    @Test
    void theBodyIsTheSpecsJsonWithAOneLineDetail() {
        assertEquals("{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"who are you\"}",
                ApiError.of(401, "who are you").json());
        assertEquals("{\"status\":500,\"title\":\"Internal Server Error\",\"detail\":\"first\"}",
                ApiError.of(500, "first\n\tat some.Stack(Trace.java:1)\n").json(), "never a stack trace");
        assertEquals("{\"status\":409,\"title\":\"Conflict\",\"detail\":\"a\\\\x1b[31m\"}",
                ApiError.of(409, "a\u001b[31m").json(), "control characters escaped");
        assertEquals("Loop Detected", ApiError.title(508));
    }
}
