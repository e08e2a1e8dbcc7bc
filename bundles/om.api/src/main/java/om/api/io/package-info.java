/** File primitives every bundle shares, so that one durability rule holds for all of om's state files. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package om.api.io;
