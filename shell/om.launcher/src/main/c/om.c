/*
 * om: the bridge client (see ../../../PROTOCOL.md).
 *
 * Hands the command line to the local daemon over <root>/var/lsnr/cli.sock and relays its output and exit code.
 * When no daemon runs, it becomes the JVM running the embedded platform (om.launcher.Main client ...), so the
 * common case costs no JVM start. `om --server https://<node> ...` goes to the Java client at once (it speaks TLS to
 * that node's API). Plain C99 + POSIX, no dependencies.
 */
#define _DEFAULT_SOURCE
#define _GNU_SOURCE /* ppoll */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* The bound to the first reply frame (the daemon sends K as soon as the command starts); PROTOCOL.md. */
#define FIRST_ANSWER_SECONDS 10
/* om daemon restart: how long the old daemon may take to go (its drain bound is 30 s). */
#define STOP_WAIT_SECONDS 95 /* longer than the daemon's own wait for a stopping one (RootLock.STOP_WAIT, 90 s) */

static volatile sig_atomic_t signals_caught = 0;
static volatile sig_atomic_t last_signal = 0;

static const char *forwarded_env[] = {
    "NO_COLOR", "TERM", "COLUMNS", "LANG", "LC_ALL", "USER", "HOME", "PATH", "OM_NODENAME", NULL
};

/*
 * Text from the environment (OM_ROOT, the paths built from it) as om.api.Quote echoes input: control bytes as
 * escapes (\n, \x1b, the UTF-8 C1 controls as \x9b), and past 80 characters the head and the full length.
 */
static void put_escaped(FILE *f, const char *s)
{
    size_t len = strlen(s), shown = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char) s[i];
        if (shown >= 80) {
            fprintf(f, "...(%zu characters)", len);
            return;
        }
        if (c == '\n') {
            shown += fprintf(f, "\\n");
        } else if (c == '\r') {
            shown += fprintf(f, "\\r");
        } else if (c == '\t') {
            shown += fprintf(f, "\\t");
        } else if (c < 0x20 || c == 0x7f) {
            shown += fprintf(f, "\\x%02x", c);
        } else if (c == 0xc2 && i + 1 < len && (unsigned char) s[i + 1] >= 0x80 && (unsigned char) s[i + 1] < 0xa0) {
            shown += fprintf(f, "\\x%02x", (unsigned char) s[++i]);
        } else {
            fputc(c, f);
            if ((c & 0xc0) != 0x80) {
                shown++;
            }
        }
    }
}

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "error: %s", what);
    if (detail != NULL) {
        fputs(": ", stderr);
        put_escaped(stderr, detail);
    }
    fputc('\n', stderr);
    exit(1);
}

static void fail_root(const char *root, const char *why)
{
    fputs("error: OM_ROOT ", stderr);
    put_escaped(stderr, root);
    fprintf(stderr, " %s\n", why);
    exit(1);
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (s == NULL) {
        fail("out of memory", NULL);
    }
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

/* The distribution tree: the parent of the bin/ folder holding this executable. */
static char *dist_dir(const char *argv0)
{
    char *exe = realpath("/proc/self/exe", NULL);
    if (exe == NULL) {
        exe = realpath(argv0, NULL);
    }
    if (exe == NULL) {
        fail("cannot find the om installation", strerror(errno));
    }
    for (int i = 0; i < 2; i++) {
        char *slash = strrchr(exe, '/');
        if (slash == NULL || slash == exe) {
            fail("cannot find the om installation", exe);
        }
        *slash = '\0';
    }
    return exe;
}

/* Set per connection: what a signal does (see handle_signals). */
static int conn_fd = -1;
static int conn_streaming = 0;
static int signal_forwarded = 0;
static int signals_handled = 0;
static int writing = 0;

static void send_frame(int fd, char type, const char *payload, size_t len);

/*
 * A caught SIGINT/SIGTERM: --watch, --stats and --follow end with 0 (the daemon sees the hang-up and stops the
 * command); any other command gets the signal forwarded as an S frame and its X is awaited; a second signal exits
 * at once with 130.
 */
static void handle_signals(void)
{
    if (signals_caught == signals_handled) {
        return;
    }
    if (conn_streaming) {
        exit(0);
    }
    if (signal_forwarded || conn_fd < 0 || signals_caught - signals_handled > 1) {
        exit(130);
    }
    if (writing) {
        /* in the middle of a frame: the S frame goes out from the relay loop, after it */
        return;
    }
    signals_handled = signals_caught;
    signal_forwarded = 1;
    send_frame(conn_fd, 'S', last_signal == SIGTERM ? "TERM" : "INT", last_signal == SIGTERM ? 4 : 3);
}

static void write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    writing++;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) {
                handle_signals();
                continue;
            }
            fail("lost the connection to the daemon", strerror(errno));
        }
        p += n;
        len -= (size_t) n;
    }
    writing--;
}

static void send_frame(int fd, char type, const char *payload, size_t len)
{
    unsigned char header[5];
    header[0] = (unsigned char) type;
    header[1] = (unsigned char) (len >> 24);
    header[2] = (unsigned char) (len >> 16);
    header[3] = (unsigned char) (len >> 8);
    header[4] = (unsigned char) len;
    write_all(fd, header, sizeof header);
    write_all(fd, payload, len);
}

static void send_text(int fd, char type, const char *text)
{
    send_frame(fd, type, text, strlen(text));
}

static int is_forwarded(const char *entry)
{
    if (strncmp(entry, "OM_", 3) == 0) {
        return 1;
    }
    for (const char **name = forwarded_env; *name != NULL; name++) {
        size_t n = strlen(*name);
        if (strncmp(entry, *name, n) == 0 && entry[n] == '=') {
            return 1;
        }
    }
    return 0;
}

static int terminal_width(void)
{
    struct winsize ws;
    if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        return ws.ws_col;
    }
    const char *columns = getenv("COLUMNS");
    return columns != NULL ? atoi(columns) : 0;
}

static void send_request(int fd, int argc, char **argv)
{
    char buf[PATH_MAX];
    send_text(fd, 'V', "1");
    for (int i = 1; i < argc; i++) {
        send_text(fd, 'A', argv[i]);
    }
    if (getcwd(buf, sizeof buf) != NULL) {
        send_text(fd, 'C', buf);
    }
    for (char **e = environ; *e != NULL; e++) {
        if (is_forwarded(*e)) {
            send_text(fd, 'E', *e);
        }
    }
    send_text(fd, 'T', isatty(1) ? "1" : "0");
    snprintf(buf, sizeof buf, "%d", terminal_width());
    send_text(fd, 'W', buf);
    send_text(fd, 'F', "stdin");
    send_text(fd, 'G', "");
}

/* 1 when len bytes were read, 0 on end of stream before any byte, -1 when the connection broke. */
static int read_exact(int fd, void *buf, size_t len)
{
    char *p = buf;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, p + got, len - got);
        if (n < 0 && errno == EINTR) {
            handle_signals();
            continue;
        }
        if (n < 0) {
            return -1;
        }
        if (n == 0) {
            return got == 0 ? 0 : -1;
        }
        got += (size_t) n;
    }
    return 1;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Answers an R frame: one read of our stdin as an I frame, or D at its end. */
static void send_stdin(int fd, size_t asked)
{
    static char buf[65536];
    size_t n = asked < sizeof buf ? asked : sizeof buf;
    for (;;) {
        ssize_t got = read(0, buf, n);
        if (got < 0 && errno == EINTR) {
            handle_signals();
            continue;
        }
        if (got > 0) {
            send_frame(fd, 'I', buf, (size_t) got);
        } else {
            send_frame(fd, 'D', "", 0);
        }
        return;
    }
}

#define RELAY_LOST (-1)

/*
 * Copies output frames to fd 1 and 2 as they come, answers R frames from stdin, forwards signals; returns the exit
 * code of the X frame, or RELAY_LOST when the connection ended without one (or nothing came within the
 * first-answer bound) and the caller asked for that rather than an error.
 */
static int relay_frames(int fd, int lost_is_ok, const sigset_t *wait_mask)
{
    static char chunk[65536];
    char text[32];
    unsigned char header[5];
    long first_deadline = now_ms() + FIRST_ANSWER_SECONDS * 1000L;
    int got_first = 0;
    size_t asked = 0;
    int out1 = 1, out2 = 2;
    conn_fd = fd;
    signal_forwarded = 0;
    for (;;) {
        handle_signals();
        struct pollfd p[2];
        p[0].fd = fd;
        p[0].events = POLLIN;
        p[0].revents = 0;
        p[1].fd = 0;
        p[1].events = POLLIN;
        p[1].revents = 0;
        struct timespec bound, *timeout = NULL;
        if (!got_first) {
            long left = first_deadline - now_ms();
            left = left > 0 ? left : 0;
            bound.tv_sec = left / 1000;
            bound.tv_nsec = (left % 1000) * 1000000L;
            timeout = &bound;
        }
        /* SIGINT/SIGTERM are blocked except inside ppoll: one arriving after handle_signals() above cannot wait
           unseen in a poll without timeout (a quiet command) until a second Ctrl-C exits with 130 */
        int r = ppoll(p, asked > 0 ? 2 : 1, timeout, wait_mask);
        if (r < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("poll", strerror(errno));
        }
        if (r == 0) {
            if (lost_is_ok) {
                return RELAY_LOST;
            }
            char why[64];
            snprintf(why, sizeof why, "the daemon did not answer within %ds", FIRST_ANSWER_SECONDS);
            fail(why, NULL);
        }
        if (asked > 0 && p[1].revents != 0) {
            send_stdin(fd, asked);
            asked = 0;
        }
        if (p[0].revents == 0) {
            continue;
        }
        int rc = read_exact(fd, header, sizeof header);
        if (rc <= 0) {
            break;
        }
        got_first = 1;
        uint32_t len = ((uint32_t) header[1] << 24) | ((uint32_t) header[2] << 16)
                       | ((uint32_t) header[3] << 8) | header[4];
        if (header[0] == 'X' || header[0] == 'R') {
            if (len >= sizeof text) {
                fail("bad frame from the daemon", NULL);
            }
            if (len > 0 && read_exact(fd, text, len) != 1) {
                break;
            }
            text[len] = '\0';
            if (header[0] == 'X') {
                return atoi(text) & 0xff;
            }
            asked = (size_t) strtoul(text, NULL, 10);
            continue;
        }
        int *out = header[0] == 'O' ? &out1 : header[0] == 'E' ? &out2 : NULL;
        int broken = 0;
        while (len > 0) {
            size_t n = len < sizeof chunk ? len : sizeof chunk;
            if (read_exact(fd, chunk, n) != 1) {
                broken = 1;
                break;
            }
            /* a closed stdout (om ... | head) must not hide the exit code: output is dropped, not fatal */
            for (size_t done = 0; out != NULL && *out > 0 && done < n;) {
                ssize_t w = write(*out, chunk + done, n - done);
                if (w < 0 && errno == EINTR) {
                    handle_signals();
                    continue;
                }
                if (w < 0) {
                    *out = -1;
                    break;
                }
                done += (size_t) w;
            }
            len -= (uint32_t) n;
        }
        if (broken) {
            break;
        }
    }
    if (lost_is_ok) {
        return RELAY_LOST;
    }
    fail("the daemon closed the connection before the exit code", NULL);
    return 1;
}

/* relay_frames with SIGINT/SIGTERM delivered only while waiting in ppoll; the mask is restored on return. */
static int relay(int fd, int lost_is_ok)
{
    sigset_t block, orig;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &orig);
    int code = relay_frames(fd, lost_is_ok, &orig);
    sigprocmask(SIG_SETMASK, &orig, NULL);
    return code;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* lib/<every jar> joined with ':', in name order. */
static char *classpath(const char *dist)
{
    char *lib = join(dist, "/lib");
    DIR *d = opendir(lib);
    if (d == NULL) {
        fail("cannot list the om libraries", lib);
    }
    char **names = NULL;
    size_t count = 0, total = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".jar") == 0) {
            char **grown = realloc(names, (count + 1) * sizeof *names);
            if (grown == NULL) {
                fail("out of memory", NULL);
            }
            names = grown;
            names[count] = join("/", e->d_name);
            total += strlen(lib) + n + 2;
            count++;
        }
    }
    closedir(d);
    if (count == 0) {
        fail("no jar in", lib);
    }
    qsort(names, count, sizeof *names, compare_names);
    char *cp = malloc(total + 1);
    if (cp == NULL) {
        fail("out of memory", NULL);
    }
    cp[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        if (i > 0) {
            strcat(cp, ":");
        }
        strcat(cp, lib);
        strcat(cp, names[i]);
    }
    return cp;
}

/* No daemon: this process becomes the JVM that runs the command in an embedded framework. */
static void exec_embedded(const char *dist, int argc, char **argv)
{
    /* a JVM leaves SIGINT/SIGTERM ignored when it inherits them so (a background job of a script): the embedded
       command would then not hear a Ctrl-C or kill -INT at all, where the daemon path forwards it */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    const char *fixed[] = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                           classpath(dist), "om.launcher.Main", "client"};
    size_t nfixed = sizeof fixed / sizeof fixed[0];
    char **args = calloc(nfixed + (size_t) argc + 1, sizeof *args);
    if (args == NULL) {
        fail("out of memory", NULL);
    }
    size_t n = 0;
    const char *java_home = getenv("JAVA_HOME");
    char *java = java_home != NULL && *java_home != '\0' ? join(java_home, "/bin/java") : NULL;
    args[n++] = java != NULL ? java : "java";
    for (size_t i = 0; i < nfixed; i++) {
        args[n++] = (char *) fixed[i];
    }
    for (int i = 1; i < argc; i++) {
        args[n++] = argv[i];
    }
    args[n] = NULL;
    if (java != NULL) {
        execv(java, args);
    } else {
        execvp("java", args);
    }
    fail("cannot run java", strerror(errno));
}

static void exec_omd(const char *dist)
{
    char *omd = join(dist, "/bin/omd");
    char *args[] = {omd, "--daemon", NULL};
    signal(SIGPIPE, SIG_DFL);
    execv(omd, args);
    fail("cannot start the daemon", strerror(errno));
}

static void on_alarm(int sig)
{
    (void) sig;
}

/* A connected socket, or -1 with *err set (ENOENT or ECONNREFUSED: no daemon; EINTR: no answer within 1 s). */
static int try_connect(const char *path, int *err)
{
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path) {
        fail("socket path too long", path);
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        fail("cannot create a socket", strerror(errno));
    }
    /* the 1 s connect bound of the spec: SIGALRM without SA_RESTART interrupts a stuck connect */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    int rc = connect(fd, (struct sockaddr *) &addr, sizeof addr);
    *err = errno;
    alarm(0);
    if (rc == 0) {
        return fd;
    }
    close(fd);
    return -1;
}

/* Connected socket, -1 when no daemon runs (no socket file, nobody listening); exits on other errors. */
static int connect_daemon(const char *path)
{
    int err = 0;
    int fd = try_connect(path, &err);
    if (fd >= 0) {
        return fd;
    }
    if (err == ENOENT || err == ECONNREFUSED) {
        return -1;
    }
    if (err == EINTR) {
        fail("the daemon did not answer within 1s", path);
    }
    fail("cannot reach the daemon", strerror(err));
    return -1;
}

static void on_signal(int sig)
{
    last_signal = sig;
    signals_caught++;
}

/* SIGINT and SIGTERM interrupt blocking calls (no SA_RESTART) so the relay loop sees them at once. */
static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static int has_arg(int argc, char **argv, const char *arg)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], arg) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Sleeps ms milliseconds; a signal cuts it short and is handled. */
static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
        handle_signals();
    }
}

/*
 * om mon --watch / --stats: a lost daemon is waited for (one line on stderr, a connect every second) and the
 * request sent again once it is back; Ctrl-C ends with 0.
 */
static int watch(const char *socket_path, int fd, int argc, char **argv)
{
    for (;;) {
        send_request(fd, argc, argv);
        int code = relay(fd, 1);
        close(fd);
        conn_fd = -1;
        if (code != RELAY_LOST) {
            return code;
        }
        fprintf(stderr, "daemon connection lost, retrying\n");
        for (;;) {
            pause_ms(1000);
            int err = 0;
            fd = try_connect(socket_path, &err);
            if (fd >= 0) {
                break;
            }
        }
    }
}

/* om daemon restart: stop through the daemon, wait (bounded) for it to be gone, start a new one. */
static void restart(const char *dist, const char *root, const char *socket_path, int fd)
{
    if (fd >= 0) {
        char *stop_argv[] = {"om", "daemon", "stop", NULL};
        send_request(fd, 3, stop_argv);
        int code = relay(fd, 0);
        close(fd);
        conn_fd = -1;
        if (code != 0) {
            exit(code);
        }
        char *pid_file = join(root, "/var/omd.pid");
        struct stat st;
        long deadline = now_ms() + STOP_WAIT_SECONDS * 1000L;
        for (;;) {
            int err = 0;
            int probe = try_connect(socket_path, &err);
            if (probe >= 0) {
                close(probe);
            } else if (stat(pid_file, &st) != 0) {
                break;
            }
            if (now_ms() > deadline) {
                char why[64];
                snprintf(why, sizeof why, "the daemon did not stop within %ds", STOP_WAIT_SECONDS);
                fail(why, NULL);
            }
            pause_ms(100);
        }
    }
    exec_omd(dist);
}

int main(int argc, char **argv)
{
    char *dist = dist_dir(argv[0]);
    const char *root_env = getenv("OM_ROOT");
    const char *root = root_env != NULL && *root_env != '\0' ? root_env : dist;
    struct stat st;
    if (root != dist && stat(root, &st) != 0) {
        fail_root(root, "does not exist");
    }
    if (root != dist && !S_ISDIR(st.st_mode)) {
        fail_root(root, "is not a directory");
    }
    /* om --server URL ...: another node's daemon over TLS, which the Java client speaks (never this node's socket) */
    if (argc > 1 && (strcmp(argv[1], "--server") == 0 || strncmp(argv[1], "--server=", 9) == 0)) {
        exec_embedded(dist, argc, argv);
    }
    char *socket_path = join(root, "/var/lsnr/cli.sock");
    /* exactly "om daemon start|restart": with more words (--help, an option) the shell reads the command line */
    int daemon_verb = argc == 3 && strcmp(argv[1], "daemon") == 0;
    int daemon_start = daemon_verb && strcmp(argv[2], "start") == 0;
    int daemon_restart = daemon_verb && strcmp(argv[2], "restart") == 0;

    int fd = connect_daemon(socket_path);
    if (fd < 0 && !daemon_restart) {
        if (daemon_start) {
            exec_omd(dist);
        }
        exec_embedded(dist, argc, argv);
    }
    if (daemon_start) {
        close(fd);
        printf("daemon is already running\n");
        return 0;
    }
    /* after the exec paths: an ignored SIGPIPE would be inherited by the JVM and the commands it runs */
    signal(SIGPIPE, SIG_IGN);
    catch_signals();
    if (daemon_restart) {
        restart(dist, root, socket_path, fd);
    }
    conn_streaming = has_arg(argc, argv, "--watch") || has_arg(argc, argv, "--stats")
                     || has_arg(argc, argv, "--follow");
    if (has_arg(argc, argv, "--watch") || has_arg(argc, argv, "--stats")) {
        return watch(socket_path, fd, argc, argv);
    }
    send_request(fd, argc, argv);
    return relay(fd, 0);
}
