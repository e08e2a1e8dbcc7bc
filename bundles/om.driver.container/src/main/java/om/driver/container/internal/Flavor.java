package om.driver.container.internal;

import java.util.ArrayList;
import java.util.List;

/** What differs between the container CLIs: the binary, and where --runtime goes. */
public enum Flavor {
    PODMAN("podman", true), DOCKER("docker", false);

    private final String binary;
    private final boolean globalRuntime;

    Flavor(String binary, boolean globalRuntime) {
        this.binary = binary;
        this.globalRuntime = globalRuntime;
    }

    /** The driver type, also the CLI binary looked up in PATH. */
    public String type() {
        return binary;
    }

    public String binary() {
        return binary;
    }

    /** {@code <cli> args...}, with podman's global {@code --runtime} when one is set. */
    public List<String> argv(String runtime, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(binary);
        if (runtime != null && globalRuntime) {
            // podman takes the runtime as a global option: stop and rm must use the same one as run
            argv.add("--runtime");
            argv.add(runtime);
        }
        argv.addAll(args);
        return List.copyOf(argv);
    }

    /** The full run command line of a container. */
    public List<String> runArgv(ContainerSettings s) {
        List<String> a = new ArrayList<>();
        a.add("run");
        if (s.runtime() != null && !globalRuntime) {
            a.add("--runtime");
            a.add(s.runtime());
        }
        if (s.detach()) {
            a.add("-d");
        }
        a.add("--name");
        a.add(s.name());
        flag(a, s.init(), "--init");
        flag(a, s.rm(), "--rm");
        flag(a, s.interactive(), "-i");
        flag(a, s.tty(), "-t");
        flag(a, s.privileged(), "--privileged");
        option(a, "--hostname", s.hostname());
        option(a, "--user", s.user());
        option(a, "--network", s.network());
        s.environment().forEach(e -> option(a, "-e", e));
        s.volumeMounts().forEach(v -> option(a, "-v", v));
        if (!s.entrypoint().isEmpty()) {
            option(a, "--entrypoint", s.entrypoint().size() == 1 ? s.entrypoint().get(0) : jsonArray(s.entrypoint()));
        }
        a.addAll(s.runArgs());
        a.add(s.image());
        a.addAll(s.command());
        return argv(s.runtime(), a);
    }

    private static void flag(List<String> a, boolean on, String flag) {
        if (on) {
            a.add(flag);
        }
    }

    private static void option(List<String> a, String option, String value) {
        if (value != null && !value.isEmpty()) {
            a.add(option);
            a.add(value);
        }
    }

    /** A multi-word entrypoint: both CLIs read a JSON array as exec form. */
    static String jsonArray(List<String> words) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"');
            for (char c : words.get(i).toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }
        return b.append(']').toString();
    }
}
