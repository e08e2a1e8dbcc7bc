package om.driver.container.internal;

import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Component;

/** container.podman. */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=container", ResourceDriver.TYPE + "=podman"})
public final class PodmanDriver extends ContainerDriver {
    public PodmanDriver() {
        super(Flavor.PODMAN);
    }
}
