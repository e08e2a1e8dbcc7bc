/**
 * What the {@code om} verbs ask of the orchestrator (orchestration.md section 3): set an object's target, clear
 * its failures, explain its placement. Registered by the orchestrator bundle inside the daemon; absent when the
 * bundle is not deployed.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package om.api.orchestration;
