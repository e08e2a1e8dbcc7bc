package om.driver.ip.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.status.LogEntry;
import om.testkit.FakeContext;

/**
 * Runs one ip.host action in a JVM started with {@code ip netns exec <ns>}, so that the driver sees that
 * namespace's interfaces, sysfs and routes exactly as {@code om} run there would.
 * Arguments: {@code start|stop|status|label key=value...}. Prints {@code LOG <level> <message>} per action log
 * line, then {@code OK}, {@code FAIL <reason>}, {@code STATUS <word>} (with {@code ENTRY <level> <message>} lines)
 * or {@code LABEL <label>}.
 */
public final class NetnsMain {
    private NetnsMain() {
    }

    public static void main(String[] args) throws Exception {
        Path var = Files.createTempDirectory("om-ip-netns");
        String[] kv = new String[(args.length - 1) * 2];
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            kv[(i - 1) * 2] = args[i].substring(0, eq);
            kv[(i - 1) * 2 + 1] = args[i].substring(eq + 1);
        }
        FakeContext ctx = FakeContext.builder().rid("ip#0").varDir(var.resolve("ip#0")).keywords(IpKeywords.all())
                .defaultTimeout(Duration.ofSeconds(20)).values(kv).build();
        IpHostDriver driver = new IpHostDriver();
        StringBuilder out = new StringBuilder();
        try {
            switch (args[0]) {
                case "start" -> driver.start(ctx);
                case "stop" -> driver.stop(ctx);
                case "status" -> {
                    CheckResult r = driver.status(ctx);
                    out.append("STATUS ").append(r.status().word()).append('\n');
                    for (LogEntry e : r.log()) {
                        out.append("ENTRY ").append(e.level()).append(' ').append(e.message()).append('\n');
                    }
                }
                case "label" -> out.append("LABEL ").append(driver.label(ctx)).append('\n');
                default -> throw new IllegalArgumentException(args[0]);
            }
            if (args[0].equals("start") || args[0].equals("stop")) {
                out.append("OK\n");
            }
        } catch (ActionException e) {
            out.append("FAIL ").append(e.getMessage()).append('\n');
        }
        StringBuilder all = new StringBuilder();
        ctx.log().forEach(l -> all.append("LOG ").append(l).append('\n'));
        System.out.print(all.append(out));
        Files.deleteIfExists(var);
    }
}
