package om.driver.ip.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import om.api.driver.ActionException;
import om.api.driver.ResourceContext;

/**
 * The keywords of one ip.host resource, checked and converted.
 *
 * @param address      the resolved ipname
 * @param dev          ipdev
 * @param netmask      the netmask keyword as a prefix length, null when unset
 * @param alias        add with a {@code <dev>:<n>} label
 * @param checkCarrier the link carrier matters
 */
public record IpSettings(InetAddress address, String dev, Integer netmask, boolean alias,
                         boolean checkCarrier) {
    // IFNAMSIZ - 1: longer names and labels are refused by the kernel
    static final int MAX_IFNAME = 15;

    public static IpSettings from(ResourceContext ctx) throws ActionException {
        String dev = ctx.require(IpKeywords.IPDEV).strip();
        if (dev.length() > MAX_IFNAME || !dev.matches("[A-Za-z0-9_.@-]+") || dev.equals(".") || dev.equals("..")) {
            throw new ActionException("invalid " + IpKeywords.IPDEV + " '" + dev + "'");
        }
        InetAddress address = Addresses.resolve(ctx.require(IpKeywords.IPNAME));
        Integer prefix = null;
        Optional<String> mask = ctx.value(IpKeywords.NETMASK).filter(v -> !v.isBlank());
        if (mask.isPresent()) {
            prefix = Netmask.prefix(mask.get(), Addresses.bits(address));
        }
        Optional<String> gateway = ctx.value(IpKeywords.GATEWAY).map(String::strip).filter(v -> !v.isEmpty());
        if (gateway.isPresent() && Addresses.literal(gateway.get()).isEmpty()) {
            throw new ActionException("invalid " + IpKeywords.GATEWAY + " '" + gateway.get()
                    + "': expected an address");
        }
        return new IpSettings(address, dev, prefix, ctx.bool(IpKeywords.ALIAS), ctx.bool(IpKeywords.CHECK_CARRIER));
    }

    public boolean v4() {
        return Addresses.bits(address) == 32;
    }

    public String addr() {
        return Addresses.text(address);
    }

    /**
     * The netmask keyword, else the prefix of an address of the interface whose network holds ours (a wider one
     * first), else a host prefix.
     */
    public int effectivePrefix(List<IfAddr> devAddrs) {
        if (netmask != null) {
            return netmask;
        }
        return devAddrs.stream()
                .filter(a -> a.dev().equals(dev) && !a.address().equals(address) && a.networkContains(address))
                .mapToInt(IfAddr::prefix).min()
                .orElse(Addresses.bits(address));
    }

    /** The address as configured on the interface now, if it is. */
    public Optional<IfAddr> configured(List<IfAddr> addrs) {
        return addrs.stream().filter(a -> a.dev().equals(dev) && a.address().equals(address)).findFirst();
    }
}
