package om.driver.ip.internal;

import static om.api.config.KeywordType.BOOL;
import static om.api.config.KeywordType.STRING;

import java.util.List;
import om.api.config.Keyword;

/** The keyword table of ip.host: the single source for validation and {@code config doc}. */
public final class IpKeywords {
    public static final String IPNAME = "ipname";
    public static final String IPDEV = "ipdev";
    public static final String NETMASK = "netmask";
    public static final String GATEWAY = "gateway";
    public static final String ALIAS = "alias";
    public static final String CHECK_CARRIER = "check_carrier";

    private static final List<Keyword> TABLE = List.of(
            Keyword.required(IPNAME, STRING,
                    "The address to bring up: an IPv4 or IPv6 literal, or a name resolved when the resource is "
                            + "evaluated (IPv4 preferred).").withAliases("name"),
            Keyword.required(IPDEV, STRING,
                    "The interface the address is added to, for example eth0 or lo.").withAliases("dev"),
            Keyword.of(NETMASK, STRING, null,
                    "Prefix length (24) or dotted IPv4 mask (255.255.255.0) of the address. Default: the prefix of "
                            + "an address of ipdev in the same network, else 32 (128 for IPv6)."),
            Keyword.of(GATEWAY, STRING, null,
                    "Gateway address of the network, kept for provisioning tools; start does not change routes. "
                            + "Must be an address literal when set."),
            Keyword.of(ALIAS, BOOL, "true",
                    "Whether an IPv4 address is added with an interface label <ipdev>:<n>, n being the lowest "
                            + "free number, the way ifconfig aliases appear."),
            Keyword.of(CHECK_CARRIER, BOOL, "true",
                    "Whether the status is down, with a warning, when ipdev has no link carrier, and start refuses "
                            + "to add the address on such a link."));

    private IpKeywords() {
    }

    public static List<Keyword> all() {
        return TABLE;
    }
}
