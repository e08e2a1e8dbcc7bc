package om.log.internal.settings;

import om.api.status.Level;

/**
 * The {@code [syslog]} section.
 *
 * @param facility numeric syslog facility ({@code facility}, default {@code daemon} = 3)
 * @param minLevel lines below this level are not sent ({@code level}, default {@code info})
 * @param host     UDP destination ({@code host}); null for the local socket
 * @param port     UDP port ({@code port}, default 514)
 * @param socket   local socket path ({@code socket}, default {@code /dev/log}), used without host
 * @param rfc3164  {@code format = rfc3164}; the default framing is RFC 5424
 */
public record SyslogConfig(int facility, Level minLevel, String host, int port, String socket, boolean rfc3164) {
    public static final String DEFAULT_SOCKET = "/dev/log";
    public static final int DEFAULT_PORT = 514;
}
