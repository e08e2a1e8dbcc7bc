package om.simulation;

import om.orchestrator.api.Orchestrator;
import om.orchestrator.api.Plan;
import om.orchestrator.api.Situation;

/**
 * How a simulated node decides: the real decision core, or (to prove the checker can fail) a broken rule. Only
 * {@link Orchestrator#decide} is swapped; {@code afterAction}, {@code clear} and {@code refusal} stay real.
 */
@FunctionalInterface
interface Brain {
    Brain REAL = Orchestrator::decide;

    Plan decide(Situation s);
}
