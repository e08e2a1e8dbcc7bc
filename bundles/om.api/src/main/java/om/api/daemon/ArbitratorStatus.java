package om.api.daemon;

/**
 * An arbitrator as a node sees it ({@code arbitrators} of the node data).
 *
 * @param name   the arbitrator's name ({@code uri} host)
 * @param status {@code up} when reachable from the node, else {@code down}
 */
public record ArbitratorStatus(String name, String status) {
}
