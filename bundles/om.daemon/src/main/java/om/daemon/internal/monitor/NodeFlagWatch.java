package om.daemon.internal.monitor;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Signals a change in the node flags folder ({@code var/node}: the frozen flag of {@code om node freeze|thaw},
 * written by the verb inside the daemon, by a CLI without daemon or by hand) as it happens, through the kernel's
 * file notifications, so the monitor commits and sends the node data at once rather than at its next stamp scan
 * (up to 2 s later). The scan still compares the stamp: a lost notification (a full kernel queue, a folder
 * replaced) costs the delay, never the change. Its thread only waits and calls {@code changed}, which must not
 * block.
 */
final class NodeFlagWatch {
    private final Path dir;
    private final Runnable changed;
    private WatchService service;
    private Thread thread;

    NodeFlagWatch(Path dir, Runnable changed) {
        this.dir = dir;
        this.changed = changed;
    }

    /**
     * Starts watching; without the folder it is created (the flag is a file in it).
     *
     * @return whether the watch runs (false: the stamp scan alone follows the flag)
     */
    synchronized boolean start() {
        try {
            Files.createDirectories(dir);
            WatchService ws = FileSystems.getDefault().newWatchService();
            try {
                dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            } catch (IOException | RuntimeException e) {
                ws.close();
                throw e;
            }
            service = ws;
        } catch (IOException | RuntimeException e) {
            return false;
        }
        WatchService ws = service;
        Thread t = new Thread(() -> loop(ws), "monitor-watch");
        t.setDaemon(true);
        thread = t;
        t.start();
        return true;
    }

    synchronized void stop() {
        WatchService ws = service;
        service = null;
        thread = null;
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                // closing: nothing to keep
            }
        }
    }

    private void loop(WatchService ws) {
        try {
            while (true) {
                WatchKey key = ws.take();
                // the events say which file; the monitor compares the stamps itself, one signal is enough
                key.pollEvents();
                changed.run();
                if (!key.reset()) {
                    // the folder went away: the stamp scan follows the flag from now on
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // stopped
        }
    }
}
