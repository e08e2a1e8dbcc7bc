package om.core.internal.driver;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import om.api.ObjectPath;
import om.api.config.Keyword;
import om.api.config.ObjectConfig;
import om.api.config.RawConfig;

/**
 * A config view that resolves {@code {<rid>.exposed_devs[<i>]}} references. The evaluated config keeps them
 * verbatim because exposed devices are runtime facts (a loop device exists only while attached); they are
 * resolved here, each time a value is read, by asking the referenced resource's driver.
 */
final class ResolvingConfig implements ObjectConfig {
    static final Pattern REFERENCE = Pattern.compile("\\{([^{}\\s]+)\\.exposed_devs\\[(\\d+)]}");

    /** Answers the devices a resource exposes now, or null to keep its references verbatim. */
    interface DeviceSource {
        /** @throws DeviceReferenceException when the resource cannot be asked */
        List<String> devices(String reference, String rid);
    }

    private final ObjectConfig delegate;
    private final DeviceSource source;
    private final boolean lenient;
    private final Consumer<DeviceReferenceException> failures;

    /**
     * @param lenient  keep an unresolvable reference verbatim instead of failing (labels)
     * @param failures told of each failed resolution, lenient or not
     */
    ResolvingConfig(ObjectConfig delegate, DeviceSource source, boolean lenient,
                    Consumer<DeviceReferenceException> failures) {
        this.delegate = delegate;
        this.source = source;
        this.lenient = lenient;
        this.failures = failures;
    }

    /** Whether a value holds an exposed device reference. */
    static boolean hasReference(String text) {
        return text != null && text.contains(".exposed_devs[") && REFERENCE.matcher(text).find();
    }

    String resolve(String text) {
        if (!hasReference(text)) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            try {
                replacement = device(m.group(), m.group(1), Integer.parseInt(m.group(2)));
            } catch (DeviceReferenceException e) {
                failures.accept(e);
                if (!lenient) {
                    throw e;
                }
                replacement = null;
            } catch (NumberFormatException e) {
                replacement = null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String device(String reference, String rid, int index) {
        List<String> devs = source.devices(reference, rid);
        if (devs == null) {
            return null;
        }
        if (index < devs.size()) {
            return devs.get(index);
        }
        if (devs.isEmpty()) {
            throw new DeviceReferenceException("reference " + reference + ": " + rid + " exposes no device (is it up?)",
                    true);
        }
        throw new DeviceReferenceException("reference " + reference + ": no device at index " + index + ", " + rid
                + " exposes " + devs.size(), false);
    }

    @Override
    public ObjectPath path() {
        return delegate.path();
    }

    @Override
    public Path file() {
        return delegate.file();
    }

    @Override
    public Instant mtime() {
        return delegate.mtime();
    }

    @Override
    public RawConfig raw() {
        return delegate.raw();
    }

    @Override
    public String node() {
        return delegate.node();
    }

    @Override
    public List<String> rids() {
        return delegate.rids();
    }

    @Override
    public Optional<String> get(String section, String key) {
        return delegate.get(section, key).map(this::resolve);
    }

    @Override
    public boolean isWritten(String section, String key) {
        return delegate.isWritten(section, key);
    }

    @Override
    public Optional<Keyword> keyword(String section, String key) {
        return delegate.keyword(section, key);
    }

    @Override
    public String expand(String section, String text) {
        return resolve(delegate.expand(section, text));
    }
}
