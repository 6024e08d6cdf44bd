/* The three backings of shared memory. */

/* _GNU_SOURCE: memfd_create(), MFD_*, F_ADD_SEALS and F_SEAL_* are Linux
 * extensions, and MAP_ANONYMOUS is not in POSIX. */
#define _GNU_SOURCE
#include "backing.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *const names[] = {
    [BACKING_ANON] = "anon",
    [BACKING_MEMFD] = "memfd",
    [BACKING_SHM] = "shm",
};

int backing_parse(const char *name, enum backing_kind *out)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (enum backing_kind)i;
            return 0;
        }
    }
    return -1;
}

const char *backing_name(enum backing_kind kind)
{
    return names[kind];
}

static void *map_shared(int fd, size_t length)
{
    int flags = MAP_SHARED | (fd < 0 ? MAP_ANONYMOUS : 0);
    return mmap(NULL, length, PROT_READ | PROT_WRITE, flags, fd, 0);
}

/* region: anon */
static void *create_anon(size_t length, const char **step)
{
    *step = "mmap";
    void *p = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}
/* end region: anon */

/* region: memfd */
static int create_memfd(size_t length, const char **step)
{
    *step = "memfd_create";
    int fd = memfd_create("shmcount", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return -1;
    *step = "ftruncate";
    if (ftruncate(fd, (off_t)length) == 0) {
        *step = "F_ADD_SEALS";
        if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) == 0)
            return fd;
    }
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
}
/* end region: memfd */

/* region: shm */
static int create_shm(size_t length, const char **step)
{
    char name[64];
    snprintf(name, sizeof name, "/shmcount-%ld", (long)getpid());
    *step = "shm_open";
    int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return -1;
    *step = "ftruncate";
    int ok = ftruncate(fd, (off_t)length) == 0;
    int saved = errno;
    shm_unlink(name); /* the descriptor keeps the object; the name can go */
    if (!ok) {
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}
/* end region: shm */

int shared_create(enum backing_kind kind, size_t length, struct shared_region *r,
                  const char **step)
{
    *r = (struct shared_region){.addr = NULL, .length = length, .fd = -1, .kind = kind};
    if (kind == BACKING_ANON) {
        r->addr = create_anon(length, step);
        return r->addr != NULL ? 0 : -1;
    }
    /* Between shm_open() and shm_unlink() a name exists in /dev/shm; a signal
     * there would leave it behind, so the usual ones wait until it is gone. */
    sigset_t hold, old;
    sigemptyset(&hold);
    sigaddset(&hold, SIGINT);
    sigaddset(&hold, SIGTERM);
    sigaddset(&hold, SIGHUP);
    sigprocmask(SIG_BLOCK, &hold, &old);
    r->fd = kind == BACKING_MEMFD ? create_memfd(length, step) : create_shm(length, step);
    int saved = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (r->fd < 0) {
        errno = saved;
        return -1;
    }
    *step = "mmap";
    r->addr = map_shared(r->fd, length);
    if (r->addr == MAP_FAILED) {
        saved = errno;
        close(r->fd);
        r->fd = -1;
        r->addr = NULL;
        errno = saved;
        return -1;
    }
    return 0;
}

int shared_destroy(struct shared_region *r)
{
    int status = 0;
    if (r->addr != NULL && munmap(r->addr, r->length) != 0)
        status = -1;
    int saved = errno;
    if (r->fd >= 0 && close(r->fd) != 0 && status == 0) {
        status = -1;
        saved = errno;
    }
    *r = (struct shared_region){.addr = NULL, .length = 0, .fd = -1, .kind = r->kind};
    errno = saved;
    return status;
}
