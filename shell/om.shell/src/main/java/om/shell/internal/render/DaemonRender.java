package om.shell.internal.render;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import om.api.daemon.DaemonStatus;

/**
 * {@code om mon} and {@code om daemon status}: the daemon dataset in the human layout (section 7) or as the
 * section 8 document, with the local log sinks' health beside it.
 */
public final class DaemonRender {
    private DaemonRender() {
    }

    /**
     * Prints {@code data} in {@code format} ({@code null}: the {@code om mon} layout).
     *
     * @param sinks the log sinks' health records ({@code log.sinks}), empty when om.log is absent
     */
    public static void print(DaemonStatus data, List<?> sinks, String format, Set<String> sections,
                             PrintStream out) {
        String local = data.nodes().isEmpty() ? "" : data.nodes().keySet().iterator().next();
        print(data, sinks, format, new MonRender.View(local, sections, false, null), out);
    }

    /** Prints {@code data} in {@code format}, or as {@code om mon} shows it in {@code view}. */
    public static void print(DaemonStatus data, List<?> sinks, String format, MonRender.View view, PrintStream out) {
        if (!Json.isMachine(format)) {
            out.print(MonRender.render(data, view));
            return;
        }
        Json json = new Json();
        Map<String, Object> extra = new LinkedHashMap<>();
        if (!sinks.isEmpty()) {
            extra.put("log", Map.of("sinks", sinks));
        }
        json.print(DaemonJson.of(json, data, extra), format, out);
    }
}
