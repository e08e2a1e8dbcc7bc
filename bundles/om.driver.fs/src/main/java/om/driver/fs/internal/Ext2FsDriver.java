package om.driver.fs.internal;

import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Component;

/** fs.ext2: a ext2 filesystem on a block device or image file, checked before mounting where the type has a checker. */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=fs", ResourceDriver.TYPE + "=ext2"})
public final class Ext2FsDriver extends FsDriver {
    public Ext2FsDriver() {
        super(new FsType("ext2", FsKind.BLOCK), new Devices());
    }
}
