package om.driver.share.internal;

import java.nio.file.Path;
import java.util.List;
import om.api.driver.ActionException;
import om.api.driver.ResourceContext;

/**
 * The keywords of one share.nfs resource, checked.
 *
 * @param path    the exported directory, normalized the way exportfs prints it
 * @param clients the client entries of opts
 */
public record ShareSettings(String path, List<ClientEntry> clients) {
    public ShareSettings {
        clients = List.copyOf(clients);
    }

    public static ShareSettings from(ResourceContext ctx) throws ActionException {
        String raw = ctx.require(ShareKeywords.PATH).strip();
        if (!raw.startsWith("/")) {
            throw new ActionException("invalid " + ShareKeywords.PATH + " '" + raw + "': not an absolute path");
        }
        String path = Path.of(raw).normalize().toString();
        return new ShareSettings(path, ClientEntry.parseAll(ctx.require(ShareKeywords.OPTS)));
    }
}
