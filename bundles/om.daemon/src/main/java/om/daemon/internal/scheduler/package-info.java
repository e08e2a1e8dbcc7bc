/**
 * The daemon's scheduler: owns the per-object job plan (intervals, last runs) and hands due jobs to the monitor's
 * evaluation pool. Consumes the intervals the monitor reads from the object configs; publishes nothing itself.
 */
package om.daemon.internal.scheduler;
