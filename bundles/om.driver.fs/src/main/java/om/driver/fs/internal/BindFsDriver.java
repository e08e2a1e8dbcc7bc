package om.driver.fs.internal;

import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Component;

/** fs.bind: a directory mounted again on the mount point. */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=fs", ResourceDriver.TYPE + "=bind"})
public final class BindFsDriver extends FsDriver {
    public BindFsDriver() {
        super(new FsType("bind", FsKind.BIND), new Devices());
    }
}
