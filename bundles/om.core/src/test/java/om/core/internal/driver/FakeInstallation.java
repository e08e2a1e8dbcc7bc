package om.core.internal.driver;

import java.nio.file.Path;
import om.api.Installation;

/** An install root on a test directory. */
public record FakeInstallation(Path root, String nodename) implements Installation {
}
