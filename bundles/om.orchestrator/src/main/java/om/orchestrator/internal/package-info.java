/**
 * The decision core behind {@link om.orchestrator.api.Orchestrator}: one class per target state (as om3's
 * imon), the autonomous {@code orchestrate} rules, and the view of one object that they share. Pure: no I/O, no
 * clock, no state kept between calls.
 */
package om.orchestrator.internal;
