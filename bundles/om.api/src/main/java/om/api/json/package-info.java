/** The one JSON mapper of om ({@link om.api.json.Json}). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package om.api.json;
