package om.driver.fs.internal;

import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Component;

/** fs.none: a bind mount written the older way (type = none, mnt_opt = bind). */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=fs", ResourceDriver.TYPE + "=none"})
public final class NoneFsDriver extends FsDriver {
    public NoneFsDriver() {
        super(new FsType("none", FsKind.BIND), new Devices());
    }
}
