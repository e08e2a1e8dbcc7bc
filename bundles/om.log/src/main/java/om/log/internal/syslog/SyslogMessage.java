package om.log.internal.syslog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.internal.file.LineFormat;
import om.log.internal.settings.SyslogConfig;

/**
 * One syslog message: its priority, the body {@code <context> | <message>} and the full framed text.
 * RFC 5424 (default): {@code <PRI>1 <RFC 3339 time> <host> om <pid> - - <body>};
 * RFC 3164 ({@code format = rfc3164}): {@code <PRI>Mmm dd HH:mm:ss <host> om[<pid>]: <body>}.
 */
public record SyslogMessage(int priority, String body, String framed) {
    public static final String APP_NAME = "om";
    private static final DateTimeFormatter RFC3164_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss",
            Locale.ENGLISH);
    private static final DateTimeFormatter RFC5424_TIME = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    /** Beyond this, receivers may truncate or drop datagrams; we cut first so the head survives. */
    static final int MAX_BODY = 8000;

    public static int severity(Level level) {
        return switch (level) {
            case DEBUG -> 7;
            case INFO -> 6;
            case WARN -> 4;
            case ERROR -> 3;
        };
    }

    public static SyslogMessage of(LogEvent e, SyslogConfig cfg, String host, long pid, ZoneId zone) {
        int pri = cfg.facility() * 8 + severity(e.level());
        String msg = e.message() == null ? "" : e.message().replaceAll("\r?\n", " ");
        String ctx = LineFormat.context(e);
        String body = ctx.isEmpty() ? msg : ctx + " | " + msg;
        if (body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY);
        }
        Instant at = e.at() == null ? Instant.now() : e.at();
        OffsetDateTime t = at.atZone(zone).toOffsetDateTime().truncatedTo(ChronoUnit.MILLIS);
        String h = host == null || host.isBlank() ? "-" : host.replace(' ', '_');
        String framed = cfg.rfc3164()
                ? "<" + pri + ">" + t.format(RFC3164_TIME) + " " + h + " " + APP_NAME + "[" + pid + "]: " + body
                : "<" + pri + ">1 " + t.format(RFC5424_TIME) + " " + h + " " + APP_NAME + " " + pid + " - - " + body;
        return new SyslogMessage(pri, body, framed);
    }
}
