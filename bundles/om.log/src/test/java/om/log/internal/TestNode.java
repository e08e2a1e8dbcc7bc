package om.log.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import om.api.Installation;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import om.log.internal.settings.LogSettings;

/** A node install root in a temp dir, with node.conf written by the test and a tiny INI parser. */
public final class TestNode implements Installation {
    private final Path root;
    private final String nodename;

    public TestNode(Path root, String nodename) {
        this.root = root;
        this.nodename = nodename;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public String nodename() {
        return nodename;
    }

    /** Settings re-read on every call, so a test sees its node.conf change at once. */
    public LogSettings settings() {
        return new LogSettings(etc(), nodename, TestNode::parse, Duration.ZERO, System::nanoTime);
    }

    /** Writes etc/node.conf and bumps its mtime so the change is seen even within the same millisecond. */
    public void nodeConf(String text) throws IOException {
        Files.createDirectories(etc());
        Path f = etc().resolve("node.conf");
        FileTime before = Files.exists(f) ? Files.getLastModifiedTime(f) : FileTime.fromMillis(0);
        Files.writeString(f, text);
        Files.setLastModifiedTime(f, FileTime.fromMillis(Math.max(System.currentTimeMillis(), before.toMillis() + 1000)));
    }

    public static RawConfig parse(String fileName, String text) {
        List<RawSection> sections = new ArrayList<>();
        String name = null;
        int sectionLine = 0;
        List<RawEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[") && l.endsWith("]")) {
                if (name != null) {
                    sections.add(new RawSection(name, sectionLine, entries));
                }
                name = l.substring(1, l.length() - 1);
                sectionLine = i + 1;
                entries = new ArrayList<>();
                continue;
            }
            int eq = l.indexOf('=');
            String key = l.substring(0, eq).strip();
            String scope = null;
            int at = key.indexOf('@');
            if (at >= 0) {
                scope = key.substring(at + 1);
                key = key.substring(0, at);
            }
            entries.add(new RawEntry(key, scope, l.substring(eq + 1).strip(), i + 1));
        }
        if (name != null) {
            sections.add(new RawSection(name, sectionLine, entries));
        }
        return new RawConfig(sections);
    }
}
