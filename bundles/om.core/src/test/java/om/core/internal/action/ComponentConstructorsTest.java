package om.core.internal.action;

import om.core.internal.status.InstanceFlagsImpl;
import om.core.internal.status.StatusServiceImpl;
import om.testkit.ComponentConstructors;
import org.junit.jupiter.api.Test;

/** om.core's components with several constructors: SCR must see one of the activation arity. */
class ComponentConstructorsTest {
    @Test
    void noOtherPublicConstructorHasTheActivationArity() {
        ComponentConstructors.assertUnambiguous(ActionEngineImpl.class, StatusServiceImpl.class,
                InstanceFlagsImpl.class, om.core.internal.node.NodeSettingsImpl.class,
                om.core.internal.node.DaemonNodeConfig.class);
    }
}
