/**
 * Split and quorum (orchestration.md section 7): the {@link om.orchestrator.internal.quorum.QuorumWatch} counts
 * the votes of the live nodes and of the reachable arbitrators when a peer is lost and runs {@code node.split_action}
 * when this node lost the quorum; the {@link om.orchestrator.internal.quorum.Stonith} runner fences a dead peer
 * for the orchestrator.
 */
package om.orchestrator.internal.quorum;
