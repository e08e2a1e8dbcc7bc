/**
 * Schedules (heartbeats-and-daemon.md section 9): the schedule grammar read into {@link om.api.schedule.Schedule},
 * with its pure "due" and "next due" functions; the jobs of an object ({@link om.api.schedule.Jobs}) and their last
 * runs on disk ({@link om.api.schedule.LastRuns}). The daemon's scheduler, {@code config validate} and
 * {@code print schedule} share this one copy.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package om.api.schedule;
