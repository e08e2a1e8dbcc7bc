/**
 * The effective node and cluster configuration ({@code etc/cluster.conf} overlaid by {@code etc/node.conf},
 * heartbeats-and-daemon section 1), one source for every bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package om.api.node;
