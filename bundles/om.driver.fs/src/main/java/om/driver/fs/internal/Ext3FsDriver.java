package om.driver.fs.internal;

import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Component;

/** fs.ext3: a ext3 filesystem on a block device or image file, checked before mounting where the type has a checker. */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=fs", ResourceDriver.TYPE + "=ext3"})
public final class Ext3FsDriver extends FsDriver {
    public Ext3FsDriver() {
        super(new FsType("ext3", FsKind.BLOCK), new Devices());
    }
}
