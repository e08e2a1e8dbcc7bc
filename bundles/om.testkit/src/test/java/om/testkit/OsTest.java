package om.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OsTest {
    @Test
    void runMergesStderrAndKeepsTheExitCode() {
        assertEquals(new Os.Out(2, "out\nerr\n"), Os.run("sh", "-c", "echo out; echo err >&2; exit 2"));
        assertEquals(new Os.Out(0, "a b\n"), Os.run(List.of("echo", "a", "b")));
    }

    @Test
    void aMissingProgramIsCodeMinusOne() {
        assertEquals(-1, Os.run("/nonexistent-om").code());
    }

    @Test
    void okReturnsTheOutputOrFailsTheTest() {
        assertEquals("x\n", Os.ok("echo", "x"));
        AssertionError e = assertThrows(AssertionError.class, () -> Os.ok("sh", "-c", "echo why; exit 1"));
        assertTrue(e.getMessage().equals("sh -c echo why; exit 1 exited 1: why\n"), e.getMessage());
    }
}
