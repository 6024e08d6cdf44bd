#define _XOPEN_SOURCE 700 /* nftw, posix_openpt, grantpt, ptsname */
#include "tmp.h"

#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cmocka.h>

/* Is dir a writable directory with a disk under it? tmpfs and ramfs keep
 * every page in memory, where no test of eviction, readahead or writeback
 * can run (and /tmp is a tmpfs on many systems). */
static int on_disk(const char *dir)
{
    struct statfs fs;
    if (dir == NULL || *dir == '\0' || access(dir, W_OK | X_OK) != 0 || statfs(dir, &fs) != 0)
        return 0;
    return fs.f_type != 0x01021994 /* TMPFS_MAGIC */ && fs.f_type != 0x858458f6 /* RAMFS_MAGIC */;
}

/* Where scratch directories go: the first of $MMF_DISK_DIR, $TMPDIR, /tmp
 * and /var/tmp with a disk under it (as the chapters' demos choose, in
 * tools/demo-lib.sh), or $TMPDIR or /tmp if none has: the tests that need a
 * disk then say so and skip. */
static const char *scratch_base(void)
{
    const char *candidates[] = {getenv("MMF_DISK_DIR"), getenv("TMPDIR"), "/tmp", "/var/tmp"};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
        if (on_disk(candidates[i]))
            return candidates[i];
    const char *tmpdir = getenv("TMPDIR");
    return tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp";
}

int tmp_setup(void **state)
{
    struct tmp *t = calloc(1, sizeof *t);
    if (t == NULL)
        return -1;
    snprintf(t->dir, sizeof t->dir, "%s/mmf-test-XXXXXX", scratch_base());
    if (mkdtemp(t->dir) == NULL) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

int tmp_teardown(void **state)
{
    struct tmp *t = *state;
    if (t != NULL) {
        nftw(t->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        free(t);
    }
    return 0;
}

const char *tmp_path(const struct tmp *t, const char *name)
{
    static char slots[4][512];
    static unsigned next;
    char *p = slots[next++ % 4];
    snprintf(p, sizeof slots[0], "%s/%s", t->dir, name);
    return p;
}

const char *tmp_file(const struct tmp *t, const char *name, const void *data, size_t n)
{
    const char *path = tmp_path(t, name);
    assert_int_equal(write_file(path, data, n), 0);
    return path;
}

const char *tmp_random_file(const struct tmp *t, const char *name, size_t size)
{
    unsigned char *bytes = malloc(size ? size : 1);
    assert_non_null(bytes);
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < size; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bytes[i] = (unsigned char)x;
    }
    const char *path = tmp_file(t, name, bytes, size);
    free(bytes);
    return path;
}

int open_pty(char *name, size_t size)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    assert_true(master >= 0);
    assert_int_equal(grantpt(master), 0);
    assert_int_equal(unlockpt(master), 0);
    const char *slave = ptsname(master);
    assert_non_null(slave);
    snprintf(name, size, "%s", slave);
    return master;
}

int write_file(const char *path, const void *data, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return close(fd);
}

unsigned char *read_file(const char *path, size_t *n)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, len = 0;
    unsigned char *buf = malloc(cap + 1);
    for (;;) {
        if (buf == NULL)
            break;
        if (len == cap) {
            unsigned char *p = realloc(buf, cap * 2 + 1);
            if (p == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + len, cap - len);
        if (r < 0) {
            free(buf);
            buf = NULL;
            break;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    if (buf != NULL) {
        buf[len] = '\0';
        *n = len;
    }
    return buf;
}

void assert_file_equals(const char *path, const void *data, size_t n)
{
    size_t len;
    unsigned char *got = read_file(path, &len);
    if (got == NULL) {
        print_error("%s: cannot read it back\n", path);
        fail();
    }
    int same = len == n && memcmp(got, data, n) == 0;
    if (!same) {
        size_t first = 0;
        while (first < len && first < n && got[first] == ((const unsigned char *)data)[first])
            first++;
        print_error("%s: %zu bytes, expected %zu; first difference at offset %zu\n", path, len,
                    n, first);
    }
    free(got);
    assert_true(same);
}
