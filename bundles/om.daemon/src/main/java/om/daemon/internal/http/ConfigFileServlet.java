package om.daemon.internal.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import om.api.InvalidPathException;
import om.api.Kind;
import om.api.ObjectPath;
import om.api.config.ObjectStore;
import om.api.config.Values;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/object/path/{ns}/{kind}/{name}/config/file}: the raw config file, byte for byte ({@code {ns}}
 * is {@code root} for the root namespace), with the file's checksum (SHA-256, as in the dataset) and mtime
 * (ISO-8601, nanoseconds) in {@code X-Om-Checksum} and {@code X-Om-Mtime}: what config replication installs is
 * exactly what was checked. 404 JSON when the object has no config here.
 */
@Component(service = Servlet.class, property = {Whiteboard.SELECT, Whiteboard.PATTERN + "/api/object/path/*"})
public final class ConfigFileServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;
    static final String CHECKSUM_HEADER = "X-Om-Checksum";
    static final String MTIME_HEADER = "X-Om-Mtime";

    private final transient ObjectStore store;

    @Activate
    public ConfigFileServlet(@Reference ObjectStore store) {
        this.store = store;
    }

    /** {@code /ns/kind/name/config/file} (the path info) to the object path, else a 404. */
    static ObjectPath objectPath(String pathInfo) {
        String[] parts = pathInfo == null ? new String[0] : pathInfo.split("/", -1);
        // "", ns, kind, name, "config", "file"
        if (parts.length != 6 || !parts[0].isEmpty() || !parts[4].equals("config") || !parts[5].equals("file")) {
            throw new ApiException(404, "no such endpoint: /api/object/path" + (pathInfo == null ? "" : pathInfo));
        }
        Kind kind = Kind.fromWord(parts[2]).orElseThrow(() -> new ApiException(400, "unknown kind "
                + om.api.Quote.of(parts[2])));
        try {
            // parsed with every rule of a path (reserved names): root/svc/cluster is not a way to cluster.conf
            return ObjectPath.parse(parts[1] + "/" + kind.word() + "/" + parts[3]);
        } catch (InvalidPathException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    @Override
    protected Map<String, Handler> routes() {
        return Map.of("GET", this::get);
    }

    private void get(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectPath path = objectPath(req.getPathInfo());
        if (path.kind() == Kind.CCFG) {
            // cluster.conf holds the secret and is not an object config other nodes fetch
            throw new ApiException(404, path.canonical() + ": object not found");
        }
        Path file = store.configFile(path);
        byte[] bytes;
        BasicFileAttributes attrs;
        try {
            // the attributes of the very bytes read: read them twice around the content, retry on a change
            int tries = 0;
            while (true) {
                BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
                bytes = Files.readAllBytes(file);
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
                if (before.lastModifiedTime().equals(attrs.lastModifiedTime()) && attrs.size() == bytes.length
                        || ++tries >= 3) {
                    break;
                }
            }
        } catch (NoSuchFileException e) {
            throw new ApiException(404, path.canonical() + ": object not found");
        }
        resp.setStatus(200);
        resp.setContentType("text/plain");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader(CHECKSUM_HEADER, Values.sha256(bytes));
        resp.setHeader(MTIME_HEADER, attrs.lastModifiedTime().toInstant().toString());
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
