package om.orchestrator.internal.daemon;

import om.testkit.ComponentConstructors;
import org.junit.jupiter.api.Test;

/** The orchestrator's component has a test constructor too: SCR must see one of the activation arity. */
class ComponentConstructorsTest {
    @Test
    void noOtherPublicConstructorHasTheActivationArity() {
        ComponentConstructors.assertUnambiguous(OrchestrationService.class);
    }
}
