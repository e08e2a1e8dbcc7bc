package om.driver.fs.internal;

import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Component;

/** fs.xfs: a xfs filesystem on a block device or image file, checked before mounting where the type has a checker. */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=fs", ResourceDriver.TYPE + "=xfs"})
public final class XfsFsDriver extends FsDriver {
    public XfsFsDriver() {
        super(new FsType("xfs", FsKind.BLOCK), new Devices());
    }
}
