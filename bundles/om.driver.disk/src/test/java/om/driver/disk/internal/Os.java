package om.driver.disk.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks and clean-up done from outside om, with the tools an operator would use. */
final class Os {
    record Out(int code, String text) {
    }

    private Os() {
    }

    static Out run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Out(p.waitFor(), text);
        } catch (IOException e) {
            return new Out(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Out(-1, "interrupted");
        }
    }

    static String ok(String... argv) {
        Out o = run(argv);
        if (o.code() != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + o.code() + ": " + o.text());
        }
        return o.text();
    }

    /** Unmounts (lazily, deepest first) everything mounted under dir and detaches loops backing files in it. */
    static void cleanUnder(Path dir) throws IOException {
        String root = dir.toRealPath().toString();
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mp = line.split(" ")[4].replace("\\040", " ");
            if (mp.equals(root) || mp.startsWith(root + "/")) {
                mounts.add(mp);
            }
        }
        mounts.sort(Comparator.comparingInt(String::length).reversed());
        for (String m : mounts) {
            run("umount", "-l", m);
        }
        for (String line : run("losetup", "-a", "-n", "-O", "NAME,BACK-FILE", "--raw").text().lines().toList()) {
            String[] f = line.split(" ", 2);
            if (f.length == 2 && f[1].startsWith(root + "/")) {
                run("losetup", "-d", f[0]);
            }
        }
    }
}
