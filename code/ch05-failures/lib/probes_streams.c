/* Probes: things that are not files with pages behind them. */

/* _GNU_SOURCE: posix_openpt(), grantpt(), unlockpt() and ptsname(), for a
 * terminal that needs no controlling terminal. */
#define _GNU_SOURCE
#include "probes.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

/* region: probe-pipe */
struct outcome probe_pipe(const char *dir)
{
    (void)dir;
    int fds[2];
    if (pipe(fds) != 0)
        return broken("pipe", errno);
    struct outcome o = map_readonly(fds[0], 4096, 0);
    close(fds[0]);
    close(fds[1]);
    return o;
}
/* end region: probe-pipe */

/* region: probe-tty */
/* A pseudo-terminal, so the case needs no controlling terminal: it runs the
 * same in a desktop terminal, over ssh and in CI. */
struct outcome probe_tty(const char *dir)
{
    (void)dir;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0)
        return broken("posix_openpt", errno);
    if (grantpt(master) != 0 || unlockpt(master) != 0) {
        int saved = errno;
        close(master);
        return broken("grantpt", saved);
    }
    const char *name = ptsname(master);
    int fd = name != NULL ? open(name, O_RDWR | O_NOCTTY) : -1;
    if (fd < 0) {
        int saved = errno;
        close(master);
        return broken("open pts", saved);
    }
    struct outcome o = map_readonly(fd, 4096, 0);
    close(fd);
    close(master);
    return o;
}
/* end region: probe-tty */

static struct outcome probe_path(const char *path, int oflags)
{
    int fd = open(path, oflags | O_NOCTTY);
    if (fd < 0)
        return broken("open", errno);
    struct outcome o = map_readonly(fd, 4096, 0);
    close(fd);
    return o;
}

struct outcome probe_devnull(const char *dir)
{
    (void)dir;
    return probe_path("/dev/null", O_RDONLY);
}

/* region: probe-proc */
/* Two /proc files, both regular files of size 0, made on each read(). */
struct outcome probe_proc_self(const char *dir)
{
    (void)dir;
    return probe_path("/proc/self/status", O_RDONLY);
}

struct outcome probe_proc_cpuinfo(const char *dir)
{
    (void)dir;
    return probe_path("/proc/cpuinfo", O_RDONLY);
}
/* end region: probe-proc */

/* open() succeeds on a directory; only mmap() (or fstat()) says no. */
struct outcome probe_directory(const char *dir)
{
    return probe_path(dir, O_RDONLY | O_DIRECTORY);
}
