package om.driver.share.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands from the test itself, to set things up and to check effects from outside the driver. */
final class Os {
    private Os() {
    }

    record Out(int rc, String text) {
    }

    static Out run(String... argv) {
        return run(List.of(argv));
    }

    static Out run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Out(-1, "timeout");
            }
            return new Out(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Out(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Out(-1, "interrupted");
        }
    }

    /** Runs and insists on success, for setup steps. */
    static String must(String... argv) {
        Out o = run(argv);
        if (o.rc() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + o.text());
        }
        return o.text();
    }
}
