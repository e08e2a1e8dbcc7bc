package om.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import om.daemon.internal.bridge.BridgeListener;
import om.daemon.internal.control.DaemonControlImpl;
import org.junit.jupiter.api.Test;

/**
 * SCR picks the activation constructor by its argument count: another public constructor with as many arguments
 * makes it try that one too and log "Constructor argument 0 ... has unsupported type java.nio.file.Path" in
 * omd.out at every daemon start.
 */
class ComponentConstructorsTest {
    @Test
    void noOtherPublicConstructorHasTheActivationArity() {
        for (Class<?> c : List.of(BridgeListener.class, DaemonControlImpl.class)) {
            int init = init(c);
            long same = Arrays.stream(c.getConstructors()).filter(k -> k.getParameterCount() == init).count();
            assertEquals(1, same, c.getSimpleName() + ": public constructors with " + init + " arguments");
        }
    }

    /** The {@code init} attribute bnd wrote in the component description (the annotation is not kept). */
    private static int init(Class<?> c) {
        try (java.io.InputStream in = c.getResourceAsStream("/OSGI-INF/" + c.getName() + ".xml")) {
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("init=\"(\\d+)\"").matcher(xml);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (java.io.IOException | NullPointerException e) {
            throw new AssertionError("no component description for " + c.getName(), e);
        }
    }
}
