package om.api.action;

import om.api.ObjectPath;
import om.api.status.InstanceStatus;

/** The outcome of a local action on one object; {@code error} is one line when not ok. */
public record ActionResult(ObjectPath path, String action, boolean ok, String error, InstanceStatus status) {
}
