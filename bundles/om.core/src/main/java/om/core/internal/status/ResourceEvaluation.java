package om.core.internal.status;

import om.api.status.ResourceStatus;
import om.core.internal.driver.ResourceSpec;

/**
 * One evaluated resource with what decides its place and its cache validity.
 *
 * @param driverPresent whether its driver was deployed at evaluation time
 * @param sortKey       the driver's sort key, null for the rid index
 */
public record ResourceEvaluation(ResourceSpec spec, ResourceStatus status, boolean driverPresent, String sortKey) {
}
