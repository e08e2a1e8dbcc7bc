package om.driver.fs.internal;

import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Component;

/** fs.ext4: a ext4 filesystem on a block device or image file, checked before mounting where the type has a checker. */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=fs", ResourceDriver.TYPE + "=ext4"})
public final class Ext4FsDriver extends FsDriver {
    public Ext4FsDriver() {
        super(new FsType("ext4", FsKind.BLOCK), new Devices());
    }
}
