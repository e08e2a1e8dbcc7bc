package om.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCR picks a component's activation constructor by its argument count (the {@code init} attribute bnd writes):
 * another public constructor with as many arguments makes it try that one too, and log
 * "Constructor argument N ... has unsupported type" in every om process. One check for every bundle's tests.
 */
public final class ComponentConstructors {
    private static final Pattern INIT = Pattern.compile("init=\"(\\d+)\"");

    private ComponentConstructors() {
    }

    /** Fails when a component class has other public constructors of its activation constructor's arity. */
    public static void assertUnambiguous(Class<?>... components) {
        for (Class<?> c : components) {
            int init = init(c);
            long same = Arrays.stream(c.getConstructors()).filter(k -> k.getParameterCount() == init).count();
            if (same != 1) {
                throw new AssertionError(c.getSimpleName() + ": " + same + " public constructors with " + init
                        + " arguments, expected 1");
            }
        }
    }

    /** The {@code init} attribute of the component description (the annotation is not kept at run time). */
    private static int init(Class<?> c) {
        try (InputStream in = c.getResourceAsStream("/OSGI-INF/" + c.getName() + ".xml")) {
            if (in == null) {
                throw new AssertionError("no component description for " + c.getName());
            }
            Matcher m = INIT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            throw new AssertionError("cannot read the component description of " + c.getName(), e);
        }
    }
}
