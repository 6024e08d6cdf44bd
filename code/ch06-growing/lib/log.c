/* log.c: open (or create) a log, append records through the mapping, read
 * them back; every touch of the mapping goes through the guard. */
#include "log.h"

#include "fileio.h"
#include "guard.h"
#include "mapping.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const struct log_settings log_defaults = {
    .grow = GROW_FALLOCATE,
    .remap = REMAP_MREMAP,
    .sync = SYNC_MSYNC,
    .chunk = 64 * 1024,
    .reserve = (uint64_t)1 << 30,
};

int log_fail(struct log *log, const char *what, int err)
{
    log->what = what;
    log->err = err;
    errno = err != 0 ? err : EINVAL;
    return -1;
}

const char *log_error(struct log *log)
{
    if (log->what == NULL)
        return "unknown error";
    if (log->err == 0)
        return log->what;
    snprintf(log->message, sizeof log->message, "%s: %s", log->what, strerror(log->err));
    return log->message;
}

/* A SIGBUS caught by the guard: say where, and the two likely reasons. */
static int fail_sigbus(struct log *log, const char *doing, uint64_t offset)
{
    snprintf(log->message, sizeof log->message,
             "SIGBUS %s the mapping at offset %llu: the file system is full, or the file "
             "was truncated", doing, (unsigned long long)offset);
    return log_fail(log, log->message, 0);
}

/* region: create */
/* fsync() the directory holding @path, so that a new name in it is on disk. */
static int sync_parent(const char *path)
{
    char *dir = strdup(path);
    if (dir == NULL)
        return -1;
    char *slash = strrchr(dir, '/');
    const char *name = slash == NULL ? "." : slash == dir ? "/" : (*slash = '\0', dir);
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    int rc = fd < 0 || fsync(fd) != 0 ? -1 : 0;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    free(dir);
    errno = saved;
    return rc;
}

/* Write an empty log under a temporary name, flush it, then link it into
 * place: link() never replaces a file, so a log someone else created in the
 * meantime wins. Then flush the directory, where the new name lives. */
static int create_log_unblocked(struct log *log, const char *path)
{
    char temp[4096];
    if (snprintf(temp, sizeof temp, "%s.XXXXXX", path) >= (int)sizeof temp)
        return log_fail(log, "open", ENAMETOOLONG);
    int fd = mkstemp(temp);
    if (fd < 0)
        return log_fail(log, "create", errno);
    struct log_header h;
    header_init(&h);
    const char *what = NULL;
    if (write_full(fd, &h, sizeof h) != 0)
        what = "write";
    else if (fsync(fd) != 0)
        what = "fsync";
    else if (link(temp, path) != 0 && errno != EEXIST)
        what = "link";
    int saved = errno;
    close(fd);
    unlink(temp);
    if (what != NULL)
        return log_fail(log, what, saved);
    if (sync_parent(path) != 0)
        return log_fail(log, "fsync of its directory", errno);
    return 0;
}
/* end region: create */

/* Ctrl-C (or a hangup, or kill) during creation would leave the temporary
 * file behind: hold those signals until it is gone, then let them act. */
static int create_log(struct log *log, const char *path)
{
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    sigprocmask(SIG_BLOCK, &stop, &old);
    int rc = create_log_unblocked(log, path);
    int saved = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return rc;
}

/* One writer at a time: a second one would interleave its records. */
static int lock_for_writing(struct log *log)
{
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    if (fcntl(log->fd, F_SETLK, &lock) == 0)
        return 0;
    if (errno == EACCES || errno == EAGAIN)
        return log_fail(log, "another process is appending to this log", 0);
    return log_fail(log, "fcntl", errno);
}

struct header_copy {
    const struct log_header *in; /* in the mapping */
    struct log_header out;
    uint64_t committed;
};

static void copy_header(void *arg)
{
    struct header_copy *c = arg;
    c->committed = header_load_committed(c->in); /* first: what it covers follows */
    memcpy(&c->out, c->in, sizeof c->out);
}

/* Read and check the header. A reader may find a committed length past the
 * size it saw a moment ago: the writer grew the file and committed since.
 * Then look at the size again and follow it. */
static int read_header(struct log *log)
{
    struct header_copy c = { .in = (const struct log_header *)log->view.base };
    if (guard_run(log->view.base, sizeof c.out, copy_header, &c) != 0)
        return fail_sigbus(log, "reading the header from", 0);
    if (!log->writable && c.committed > log->size && c.committed % RECORD_ALIGN == 0) {
        struct stat st;
        if (fstat(log->fd, &st) != 0)
            return log_fail(log, "fstat", errno);
        if ((uint64_t)st.st_size >= c.committed && (uint64_t)st.st_size <= SIZE_MAX) {
            if (view_follow(&log->view, (size_t)st.st_size) != 0)
                return log_fail(log, remap_name(log->view.how), errno);
            log->size = (uint64_t)st.st_size;
        }
    }
    const char *problem = header_problem(&c.out, c.committed, log->size);
    if (problem != NULL)
        return log_fail(log, problem, 0);
    log->committed = log->end = c.committed;
    return 0;
}

static int open_mapped(struct log *log)
{
    size_t size;
    const char *why;
    if (check_mappable(log->fd, &size, &why) != 0)
        return log_fail(log, why, 0);
    if (size < LOG_HEADER_SIZE)
        return log_fail(log, "not a maplog file (shorter than a header)", 0);
    if (log->writable && lock_for_writing(log) != 0)
        return -1;
    log->size = size;
    if (view_map(&log->view, log->fd, size, log->writable, log->settings.remap,
                 (size_t)log->settings.reserve) != 0)
        return log_fail(log, errno == EFBIG ? "larger than --reserve" : "mmap", errno);
    return read_header(log);
}

int log_open(struct log *log, const char *path, int writable, int create,
             const struct log_settings *settings)
{
    memset(log, 0, sizeof *log);
    log->path = path;
    log->writable = writable;
    log->settings = settings != NULL ? *settings : log_defaults;
    int flags = (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
    log->fd = open(path, flags);
    if (log->fd < 0 && errno == ENOENT && create) {
        if (create_log(log, path) != 0)
            return -1;
        log->fd = open(path, flags);
    }
    if (log->fd < 0)
        return log_fail(log, "open", errno);
    if (open_mapped(log) != 0) {
        const char *what = log->what;
        int err = log->err;
        view_unmap(&log->view);
        close(log->fd);
        log->fd = -1;
        return log_fail(log, what, err);
    }
    return 0;
}

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* region: grow-and-follow */
/* Make the file at least @need bytes long, in whole chunks, and make the
 * mapping cover it: the file first, since a mapping past the end of the
 * file is a SIGBUS waiting to happen. */
static int make_room(struct log *log, uint64_t need)
{
    uint64_t chunk = log->settings.chunk;
    uint64_t size = (need + chunk - 1) / chunk * chunk;
    if (size > SIZE_MAX)
        return log_fail(log, "grow", EFBIG);
    uint64_t t0 = now_ns();
    if (grow_file(log->fd, log->settings.grow, log->size, size) != 0)
        return log_fail(log, grow_name(log->settings.grow), errno);
    log->size = size;
    log->growths++;
    uint64_t t1 = now_ns();
    if (view_follow(&log->view, (size_t)size) != 0)
        return log_fail(log, errno == EFBIG ? "the log outgrew --reserve" : remap_name(log->view.how),
                        errno);
    log->grow_ns += t1 - t0;
    log->remap_ns += now_ns() - t1;
    return 0;
}
/* end region: grow-and-follow */

struct encoding {
    unsigned char *dst;
    const void *bytes;
    uint32_t length;
};

static void encode(void *arg)
{
    const struct encoding *e = arg;
    record_encode(e->dst, e->bytes, e->length);
}

/* region: append */
int log_append(struct log *log, const void *bytes, size_t length)
{
    if (length > RECORD_MAX)
        return log_fail(log, "record too long", EMSGSIZE);
    uint64_t need = log->end + record_size(length);
    if (need > log->size && make_room(log, need) != 0)
        return -1;
    /* Past the committed end: stored now, but nobody counts it until a commit. */
    struct encoding e = { log->view.base + log->end, bytes, (uint32_t)length };
    if (guard_run(e.dst, (size_t)record_size(length), encode, &e) != 0)
        return fail_sigbus(log, "storing into", log->end + guard_fault_offset());
    log->end = need;
    return 0;
}
/* end region: append */

int log_read(struct log *log, uint64_t offset, unsigned char *buf, uint32_t *length,
             uint64_t *next)
{
    struct record_head head;
    if (offset + sizeof head > log->committed)
        return log_fail(log, "the record runs past the committed end", 0);
    if (guarded_read(&head, log->view.base + offset, sizeof head) != 0)
        return fail_sigbus(log, "reading", offset + guard_fault_offset());
    if (head.length > RECORD_MAX || record_size(head.length) > log->committed - offset)
        return log_fail(log, "its length runs past the committed end", 0);
    if (guarded_read(buf, log->view.base + offset + sizeof head, head.length) != 0)
        return fail_sigbus(log, "reading", offset + sizeof head + guard_fault_offset());
    if (record_crc(buf, head.length) != head.crc)
        return log_fail(log, "its checksum does not match its bytes", 0);
    *length = head.length;
    *next = offset + record_size(head.length);
    return 0;
}

int log_close(struct log *log)
{
    if (log->fd < 0)
        return 0;
    int rc = 0;
    if (view_unmap(&log->view) != 0)
        rc = log_fail(log, "munmap", errno);
    if (close(log->fd) != 0 && rc == 0)
        rc = log_fail(log, "close", errno);
    log->fd = -1;
    return rc;
}
