/* _GNU_SOURCE: the wrapped mincore(), fallocate() and mremap(), and the
 * O_TMPFILE flag, are not POSIX. */
#define _GNU_SOURCE
#include "fault.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

/* The real functions, reached through the linker's --wrap. */
int __real_open(const char *path, int flags, ...);
int __real_fstat(int fd, struct stat *st);
void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int __real_munmap(void *addr, size_t len);
int __real_msync(void *addr, size_t len, int flags);
int __real_ftruncate(int fd, off_t len);
int __real_fsync(int fd);
int __real_close(int fd);
ssize_t __real_pread(int fd, void *buf, size_t n, off_t off);
ssize_t __real_read(int fd, void *buf, size_t n);
int __real_posix_fadvise(int fd, off_t off, off_t len, int advice);
int __real_mincore(void *addr, size_t len, unsigned char *vec);

enum { SLOTS = 8, NAMES = 32 }; /* room for every wrapped call */
static struct { const char *call; int err; unsigned skip; int armed; } slots[SLOTS];
static struct { const char *call; unsigned count; } counts[NAMES];
static struct { const char *call; void (*fn)(void *); void *arg; } hooks[SLOTS];

void fault_inject(const char *call, int err, unsigned skip)
{
    for (int i = 0; i < SLOTS; i++) {
        if (!slots[i].armed) {
            slots[i].call = call;
            slots[i].err = err;
            slots[i].skip = skip;
            slots[i].armed = 1;
            return;
        }
    }
}

void fault_before(const char *call, void (*fn)(void *arg), void *arg)
{
    for (int i = 0; i < SLOTS; i++) {
        if (hooks[i].fn == NULL) {
            hooks[i].call = call;
            hooks[i].fn = fn;
            hooks[i].arg = arg;
            return;
        }
    }
}

void fault_clear(void)
{
    memset(hooks, 0, sizeof hooks);
    memset(slots, 0, sizeof slots);
    memset(counts, 0, sizeof counts);
}

unsigned fault_calls(const char *call)
{
    for (int i = 0; i < NAMES && counts[i].call; i++)
        if (strcmp(counts[i].call, call) == 0)
            return counts[i].count;
    return 0;
}

static void count(const char *call)
{
    for (int i = 0; i < NAMES; i++) {
        if (counts[i].call == NULL)
            counts[i].call = call;
        if (strcmp(counts[i].call, call) == 0) {
            counts[i].count++;
            return;
        }
    }
}

/* Count the call; return the errno to fail with, or 0 to call the real function. */
static int should_fail(const char *call)
{
    count(call);
    for (int i = 0; i < SLOTS; i++) {
        if (hooks[i].fn != NULL && strcmp(hooks[i].call, call) == 0) {
            void (*fn)(void *) = hooks[i].fn;
            void *arg = hooks[i].arg;
            hooks[i].fn = NULL; /* once, even if fn makes the same call */
            fn(arg);
            break;
        }
    }
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].armed && strcmp(slots[i].call, call) == 0) {
            if (slots[i].skip > 0) {
                slots[i].skip--;
                return 0;
            }
            slots[i].armed = 0;
            return slots[i].err;
        }
    }
    return 0;
}

#define FAIL_WITH(call, value)                                                                \
    do {                                                                                      \
        int e_ = should_fail(call);                                                           \
        if (e_ != 0) {                                                                        \
            errno = e_;                                                                       \
            return value;                                                                     \
        }                                                                                     \
    } while (0)

/* open()'s third argument exists only when the flags create a file. */
#define OPEN_MODE(flags, mode)                                                                \
    do {                                                                                      \
        if ((flags) & (O_CREAT | O_TMPFILE)) {                                                \
            va_list ap_;                                                                      \
            va_start(ap_, flags);                                                             \
            (mode) = (mode_t)va_arg(ap_, int);                                                \
            va_end(ap_);                                                                      \
        }                                                                                     \
    } while (0)

int __wrap_open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    OPEN_MODE(flags, mode);
    FAIL_WITH("open", -1);
    return __real_open(path, flags, mode);
}

int __wrap_fstat(int fd, struct stat *st)
{
    FAIL_WITH("fstat", -1);
    return __real_fstat(fd, st);
}

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    FAIL_WITH("mmap", MAP_FAILED);
    return __real_mmap(addr, len, prot, flags, fd, off);
}

int __wrap_munmap(void *addr, size_t len)
{
    FAIL_WITH("munmap", -1);
    return __real_munmap(addr, len);
}

int __wrap_msync(void *addr, size_t len, int flags)
{
    FAIL_WITH("msync", -1);
    return __real_msync(addr, len, flags);
}

int __wrap_ftruncate(int fd, off_t len)
{
    FAIL_WITH("ftruncate", -1);
    return __real_ftruncate(fd, len);
}

int __wrap_fsync(int fd)
{
    FAIL_WITH("fsync", -1);
    return __real_fsync(fd);
}

int __wrap_close(int fd)
{
    FAIL_WITH("close", -1);
    return __real_close(fd);
}

ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t off)
{
    FAIL_WITH("pread", -1);
    return __real_pread(fd, buf, n, off);
}

ssize_t __wrap_read(int fd, void *buf, size_t n)
{
    FAIL_WITH("read", -1);
    return __real_read(fd, buf, n);
}

/* posix_fadvise reports failure by its return value, not errno. */
int __wrap_posix_fadvise(int fd, off_t off, off_t len, int advice)
{
    int e = should_fail("posix_fadvise");
    return e != 0 ? e : __real_posix_fadvise(fd, off, len, advice);
}

int __wrap_mincore(void *addr, size_t len, unsigned char *vec)
{
    FAIL_WITH("mincore", -1);
    return __real_mincore(addr, len, vec);
}

/* Chapter 4: a fork that fails after some workers have started. */
pid_t __real_fork(void);
pid_t __wrap_fork(void)
{
    FAIL_WITH("fork", -1);
    return __real_fork();
}

/* With -D_FILE_OFFSET_BITS=64, glibc's headers turn open, fstat, mmap,
 * ftruncate, pread and posix_fadvise into their *64 names, so those are the
 * symbols a program calls and the linker must wrap. They count and fail under
 * the plain name, which is the one tests ask for. */
int __real_open64(const char *path, int flags, ...);
int __wrap_open64(const char *path, int flags, ...)
{
    mode_t mode = 0;
    OPEN_MODE(flags, mode);
    FAIL_WITH("open", -1);
    return __real_open64(path, flags, mode);
}

int __real_fstat64(int fd, struct stat *st);
int __wrap_fstat64(int fd, struct stat *st)
{
    FAIL_WITH("fstat", -1);
    return __real_fstat64(fd, st);
}

void *__real_mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off);
void *__wrap_mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    FAIL_WITH("mmap", MAP_FAILED);
    return __real_mmap64(addr, len, prot, flags, fd, off);
}

int __real_ftruncate64(int fd, off_t len);
int __wrap_ftruncate64(int fd, off_t len)
{
    FAIL_WITH("ftruncate", -1);
    return __real_ftruncate64(fd, len);
}

ssize_t __real_pread64(int fd, void *buf, size_t n, off_t off);
ssize_t __wrap_pread64(int fd, void *buf, size_t n, off_t off)
{
    FAIL_WITH("pread", -1);
    return __real_pread64(fd, buf, n, off);
}

int __real_posix_fadvise64(int fd, off_t off, off_t len, int advice);
int __wrap_posix_fadvise64(int fd, off_t off, off_t len, int advice)
{
    int e = should_fail("posix_fadvise");
    return e != 0 ? e : __real_posix_fadvise64(fd, off, len, advice);
}

/* Exercise 3.2 counts preadv() calls; exercise 4.2 counts madvise() calls. */
ssize_t __real_preadv(int fd, const struct iovec *iov, int iovcnt, off_t off);
ssize_t __wrap_preadv(int fd, const struct iovec *iov, int iovcnt, off_t off)
{
    FAIL_WITH("preadv", -1);
    return __real_preadv(fd, iov, iovcnt, off);
}

ssize_t __real_preadv64(int fd, const struct iovec *iov, int iovcnt, off_t off);
ssize_t __wrap_preadv64(int fd, const struct iovec *iov, int iovcnt, off_t off)
{
    FAIL_WITH("preadv", -1);
    return __real_preadv64(fd, iov, iovcnt, off);
}

int __real_madvise(void *addr, size_t len, int advice);
int __wrap_madvise(void *addr, size_t len, int advice)
{
    FAIL_WITH("madvise", -1);
    return __real_madvise(addr, len, advice);
}

/* Chapter 6: growing a file, following it with mremap(), and the other syncs.
 * fallocate and posix_fallocate are *64 names under -D_FILE_OFFSET_BITS=64;
 * the plain names are wrapped too, for builds without it. posix_fallocate
 * reports failure by its return value, not errno. */
int __real_fallocate(int fd, int mode, off_t off, off_t len);
int __wrap_fallocate(int fd, int mode, off_t off, off_t len)
{
    FAIL_WITH("fallocate", -1);
    return __real_fallocate(fd, mode, off, len);
}

int __real_fallocate64(int fd, int mode, off_t off, off_t len);
int __wrap_fallocate64(int fd, int mode, off_t off, off_t len)
{
    FAIL_WITH("fallocate", -1);
    return __real_fallocate64(fd, mode, off, len);
}

int __real_posix_fallocate(int fd, off_t off, off_t len);
int __wrap_posix_fallocate(int fd, off_t off, off_t len)
{
    int e = should_fail("posix_fallocate");
    return e != 0 ? e : __real_posix_fallocate(fd, off, len);
}

int __real_posix_fallocate64(int fd, off_t off, off_t len);
int __wrap_posix_fallocate64(int fd, off_t off, off_t len)
{
    int e = should_fail("posix_fallocate");
    return e != 0 ? e : __real_posix_fallocate64(fd, off, len);
}

void *__real_mremap(void *old, size_t old_len, size_t new_len, int flags, ...);
void *__wrap_mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
    void *target = NULL;
    if (flags & MREMAP_FIXED) {
        va_list ap;
        va_start(ap, flags);
        target = va_arg(ap, void *);
        va_end(ap);
    }
    FAIL_WITH("mremap", MAP_FAILED);
    return __real_mremap(old, old_len, new_len, flags, target);
}

/* Publishing a finished file (datafile.c): link() into place, unlink() the
 * temporary name, rename() where there are no hard links. */
int __real_link(const char *from, const char *to);
int __wrap_link(const char *from, const char *to)
{
    FAIL_WITH("link", -1);
    return __real_link(from, to);
}

int __real_unlink(const char *path);
int __wrap_unlink(const char *path)
{
    FAIL_WITH("unlink", -1);
    return __real_unlink(path);
}

int __real_rename(const char *from, const char *to);
int __wrap_rename(const char *from, const char *to)
{
    FAIL_WITH("rename", -1);
    return __real_rename(from, to);
}

int __real_fdatasync(int fd);
int __wrap_fdatasync(int fd)
{
    FAIL_WITH("fdatasync", -1);
    return __real_fdatasync(fd);
}
