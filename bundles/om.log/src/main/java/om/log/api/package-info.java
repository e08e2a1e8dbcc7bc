/**
 * Reading the action logs back ({@link om.log.api.LogReader}) and the health of the log sinks
 * ({@link om.log.api.LogHealth}). Writing goes through the {@code om.api.action.ActionLog} service registered with
 * {@code om.log=multiplexer}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package om.log.api;
