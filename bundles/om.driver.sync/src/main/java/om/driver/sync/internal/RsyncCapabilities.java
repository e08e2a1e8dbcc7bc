package om.driver.sync.internal;

/**
 * What the local rsync can preserve, read from {@code rsync --version}: a build without ACL or xattr support
 * refuses {@code -A} or {@code -X} outright, so those are left out of the default options.
 */
public record RsyncCapabilities(boolean acls, boolean xattrs) {
    public static final RsyncCapabilities ALL = new RsyncCapabilities(true, true);

    /** From the {@code Capabilities:} words, which list {@code ACLs} and {@code xattrs}, or {@code no ACLs}... */
    public static RsyncCapabilities parse(String versionOutput) {
        String text = versionOutput == null ? "" : versionOutput.replaceAll("\\s+", " ");
        return new RsyncCapabilities(has(text, "ACLs"), has(text, "xattrs"));
    }

    private static boolean has(String text, String word) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|[ ,])(no )?" + word + "(?=[ ,]|$)")
                .matcher(text);
        boolean seen = false;
        while (m.find()) {
            if (m.group(1) != null) {
                return false;
            }
            seen = true;
        }
        return seen;
    }
}
