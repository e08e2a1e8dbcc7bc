package om.log.internal.settings;

/**
 * The logging part of the effective node configuration at one moment.
 *
 * @param maxSize   {@code [log] max_size}: rotate a log file before a write would take it past this many bytes
 * @param keep      {@code [log] keep}: rotated files kept ({@code <file>.1} .. {@code <file>.<keep>})
 * @param syslog    null when there is no {@code [syslog]} section
 * @param collector null when {@code node.dbopensvc} is not set
 */
public record LogConfig(long maxSize, int keep, SyslogConfig syslog, CollectorConfig collector) {
    public static final long DEFAULT_MAX_SIZE = 5L << 20;
    public static final int DEFAULT_KEEP = 5;

    public static LogConfig defaults() {
        return new LogConfig(DEFAULT_MAX_SIZE, DEFAULT_KEEP, null, null);
    }
}
