package om.driver.fs.internal;

import java.util.ArrayList;
import java.util.List;

/** The mount, umount and mkfs command lines of an fs resource. */
final class MountCommand {
    private MountCommand() {
    }

    static List<String> mount(FsSettings s) {
        List<String> argv = new ArrayList<>();
        argv.add("mount");
        List<String> opts = s.mntOpt().map(o -> List.of(o.split(","))).orElse(List.of());
        if (s.type().kind() == FsKind.BIND) {
            // type=none with mnt_opt=bind is how older configs wrote a bind: the flag becomes the mount mode
            argv.add(opts.contains("rbind") ? "--rbind" : "--bind");
            opts = opts.stream().filter(o -> !o.equals("bind") && !o.equals("rbind") && !o.isBlank()).toList();
        } else {
            argv.add("-t");
            argv.add(s.type().name());
        }
        if (!opts.isEmpty()) {
            argv.add("-o");
            argv.add(String.join(",", opts));
        }
        argv.add(s.dev());
        argv.add(s.mnt());
        return argv;
    }

    static List<String> umount(String mnt, boolean lazy) {
        return lazy ? List.of("umount", "-l", mnt) : List.of("umount", mnt);
    }

    static List<String> mkfs(FsSettings s, String dev) {
        List<String> argv = new ArrayList<>();
        argv.add("mkfs." + s.type().name());
        argv.addAll(s.mkfsOpt());
        argv.add(dev);
        return argv;
    }
}
