package om.driver.ip.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import om.api.driver.ActionException;

/** Picks the {@code <dev>:<n>} label of an aliased address: the lowest n no address of the interface uses. */
public final class AliasLabel {
    private AliasLabel() {
    }

    public static String next(String dev, List<IfAddr> addrs) throws ActionException {
        Set<String> used = addrs.stream().filter(a -> a.dev().equals(dev)).map(IfAddr::label)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        for (int n = 1; ; n++) {
            String label = dev + ":" + n;
            if (label.length() > IpSettings.MAX_IFNAME) {
                throw new ActionException("no free alias label on " + dev);
            }
            if (!used.contains(label)) {
                return label;
            }
        }
    }
}
