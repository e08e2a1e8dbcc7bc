/**
 * The orchestrator's decision core (orchestration.md sections 4 to 7), as pure functions: what an object's config
 * says ({@link om.orchestrator.api.ObjectFacts}) and what every node of the merged cluster data reports
 * ({@link om.orchestrator.api.NodeView}), seen from one node at one instant ({@link om.orchestrator.api.Situation}),
 * give the decisions for that node's own instance ({@link om.orchestrator.api.Plan}, {@link
 * om.orchestrator.api.Decision}). Every node runs the same functions on the same replicated data, so they agree
 * without a consensus store, as OpenSVC does. {@link om.orchestrator.api.Placement} ranks the candidates and
 * explains, per node, why it is not one. Nothing here does I/O, reads a clock or keeps state.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package om.orchestrator.api;
