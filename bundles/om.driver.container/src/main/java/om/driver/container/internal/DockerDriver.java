package om.driver.container.internal;

import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Component;

/** container.docker: the same driver through the docker CLI. */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=container", ResourceDriver.TYPE + "=docker"})
public final class DockerDriver extends ContainerDriver {
    public DockerDriver() {
        super(Flavor.DOCKER);
    }
}
