/**
 * The daemon's event bus ({@code om.api.daemon.DaemonEvents}). It owns only the subscriber queues: it consumes the
 * monitor's change events and hands them to subscribers without ever blocking the publisher.
 */
package om.daemon.internal.events;
