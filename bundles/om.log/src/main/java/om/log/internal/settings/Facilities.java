package om.log.internal.settings;

import java.util.List;

/** Syslog facility names and their RFC 5424 codes. */
final class Facilities {
    private static final List<String> NAMES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0",
            "local1", "local2", "local3", "local4", "local5", "local6", "local7");

    private Facilities() {
    }

    /** The code of a facility name, -1 when unknown. */
    static int code(String name) {
        return NAMES.indexOf(name);
    }
}
