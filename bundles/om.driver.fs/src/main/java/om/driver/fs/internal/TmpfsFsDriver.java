package om.driver.fs.internal;

import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Component;

/** fs.tmpfs: a memory filesystem. */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=fs", ResourceDriver.TYPE + "=tmpfs"})
public final class TmpfsFsDriver extends FsDriver {
    public TmpfsFsDriver() {
        super(new FsType("tmpfs", FsKind.TMPFS), new Devices());
    }
}
