#include "datafile.h"

#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void fill_random(unsigned char *buf, size_t n, uint64_t *state)
{
    for (size_t i = 0; i < n; i += 8) {
        uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
        z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
        z ^= z >> 31;
        memcpy(buf + i, &z, n - i < 8 ? n - i : 8);
    }
}

/* The temporary file's name, for the signal handler to remove. */
static char partial[PATH_MAX];
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define NSIG_CLEANUP (sizeof cleanup_signals / sizeof cleanup_signals[0])

static void remove_partial(int sig)
{
    unlink(partial);             /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);                  /* end as the signal meant us to */
}

static int write_random(int fd, uint64_t size, uint64_t seed)
{
    enum { CHUNK = 1 << 20 };
    unsigned char *chunk = malloc(CHUNK);
    if (chunk == NULL)
        return -1;
    uint64_t state = seed;
    int rc = 0;
    for (uint64_t done = 0; rc == 0 && done < size; done += CHUNK) {
        size_t n = size - done < CHUNK ? (size_t)(size - done) : CHUNK;
        fill_random(chunk, n, &state);
        rc = write_full(fd, chunk, n);
    }
    int err = errno;
    free(chunk);
    errno = err;
    return rc;
}

/* region: create-atomically */
/* Give the complete file at @tmp its final name, never replacing a file that
 * has appeared there meanwhile (another run's, or the user's own): link()
 * fails with EEXIST where rename() would silently replace. */
static int publish(const char *tmp, const char *path)
{
    if (link(tmp, path) == 0) {
        unlink(tmp); /* the file is in place under both names; drop the temporary one */
        return 0;
    }
    if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP)
        return -1; /* EEXIST among them */
    /* No hard links on this file system (vfat, some FUSE ones): rename() is
     * the best there is, and a file made between this check and it is lost. */
    struct stat st;
    if (lstat(path, &st) == 0) {
        errno = EEXIST;
        return -1;
    }
    return rename(tmp, path);
}

int create_random_file(const char *path, uint64_t size, uint64_t seed)
{
    if (access(path, F_OK) == 0) {
        errno = EEXIST;
        return -1;
    }
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
    const char *base = slash ? slash + 1 : path;
    if (dirlen + strlen(base) + sizeof ".partial-XXXXXX" + 1 > sizeof partial) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(partial, path, dirlen);
    strcpy(partial + dirlen, ".");
    strcat(partial, base);
    strcat(partial, ".partial-XXXXXX");

    struct sigaction cleanup, old[NSIG_CLEANUP];
    memset(&cleanup, 0, sizeof cleanup);
    cleanup.sa_handler = remove_partial;
    sigemptyset(&cleanup.sa_mask);
    sigset_t block, saved;
    sigemptyset(&block);
    for (size_t i = 0; i < NSIG_CLEANUP; i++)
        sigaddset(&block, cleanup_signals[i]);
    /* No signal between creating the file and arming its removal. */
    sigprocmask(SIG_BLOCK, &block, &saved);
    int fd = mkstemp(partial);
    int err = errno;
    for (size_t i = 0; fd >= 0 && i < NSIG_CLEANUP; i++)
        sigaction(cleanup_signals[i], &cleanup, &old[i]);
    sigprocmask(SIG_SETMASK, &saved, NULL);
    if (fd < 0) {
        errno = err;
        return -1;
    }
    int rc = fchmod(fd, 0644) == 0 && write_random(fd, size, seed) == 0 && fsync(fd) == 0 ? 0 : -1;
    err = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        err = errno;
    }
    if (rc == 0 && publish(partial, path) != 0) {
        rc = -1;
        err = errno;
    }
    sigprocmask(SIG_BLOCK, &block, NULL);
    if (rc != 0)
        unlink(partial); /* never leave half a file behind */
    for (size_t i = 0; i < NSIG_CLEANUP; i++)
        sigaction(cleanup_signals[i], &old[i], NULL);
    sigprocmask(SIG_SETMASK, &saved, NULL);
    errno = err;
    return rc;
}
/* end region: create-atomically */

int make_parent_dirs(const char *path)
{
    char dir[PATH_MAX];
    size_t len = strlen(path);
    if (len >= sizeof dir) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(dir, path, len + 1);
    char *slash = strrchr(dir, '/');
    if (slash == NULL || slash == dir)
        return 0;
    *slash = '\0';
    for (char *p = dir + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(dir, 0755) != 0 && errno != EEXIST)
                return -1;
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    return 0;
}
