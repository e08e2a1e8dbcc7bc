@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package om.api.cli;
