package om.core.internal.action;

import om.api.driver.ResourceDriver;
import om.core.internal.driver.ResourceContextImpl;
import om.core.internal.driver.ResourceSpec;

/**
 * One resource an action will act on.
 *
 * @param driver  its driver as deployed when the action began, null when missing
 * @param label   the driver's label, or {@code <group>.<type>} without a driver
 * @param sortKey the driver's sort key, null for the rid index
 */
record PlannedResource(ResourceSpec spec, ResourceDriver driver, ResourceContextImpl ctx, String label,
                       String sortKey) {
}
