package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import om.itests.Serial;

/**
 * Issue 12, item 2, in CI: a short run of the chaos soak ({@code bench/soak.sh}) with a fixed seed, on a lab of
 * the built distribution. The script does the audit (nothing up on two nodes at once, every object back in its
 * expected state within its bound, configs identical, no unexpected error in the node logs) and exits 0 when
 * every step passed; its output is printed into the test report, and is the failure message otherwise.
 */
@ResourceLock(Serial.LAB)
class SoakE2EIT {
    /** Seed and step count: R5 (SIGSTOP), R3 (partition with quorum), R9 (concurrent requests), R1 (SIGKILL). */
    static final String SEED = "30";
    static final String STEPS = "4";
    /** Setup (three daemons, three objects) takes about a minute on a loaded CI machine, each step 5 to 30 s. */
    static final long TIMEOUT_S = 300;

    @Test
    void aShortSeededSoakFindsNoViolation() throws IOException, InterruptedException {
        Path script = Paths.get(System.getProperty("om.soak.script", "../bench/soak.sh")).toAbsolutePath();
        String prefix = "soakit" + ProcessHandle.current().pid();
        Path root = Paths.get("target", "labs", prefix).toAbsolutePath();
        Files.createDirectories(root.getParent());
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), STEPS, SEED).redirectErrorStream(true);
        pb.environment().put("OM_DIST", Lab.dist().toString());
        pb.environment().put("OM_LAB_PREFIX", prefix);
        pb.environment().put("OM_LAB_ROOT", root.toString());
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("KEEP");
        Path out = Files.createTempFile("soak", ".out");
        pb.redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        boolean ended = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        if (!ended) {
            // SIGTERM: the script's trap removes its lab; then whatever is left goes
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            down(prefix, root);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        System.out.println(text);
        if (!ended) {
            throw new AssertionError("bench/soak.sh " + STEPS + " " + SEED + " did not end within " + TIMEOUT_S
                    + " s:\n" + text);
        }
        assertEquals(0, p.exitValue(), "bench/soak.sh " + STEPS + " " + SEED + ":\n" + text);
    }

    private static void down(String prefix, Path root) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Lab.dist().resolve("bin/om-lab").toString(), "down")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OM_LAB_PREFIX", prefix);
        pb.environment().put("OM_LAB_ROOT", root.toString());
        pb.start().waitFor(180, TimeUnit.SECONDS);
    }
}
