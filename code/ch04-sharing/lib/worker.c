/* worker.c: one worker holds the whole file, reads every byte, and reports. */
#include "worker.h"

#include "fileio.h"
#include "guard.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* region: checksum */
/* FNV-1a, eight bytes at a time: reading every byte is the point, since it
 * makes the worker touch every page it holds. */
uint64_t checksum(const unsigned char *data, size_t size)
{
    const uint64_t prime = UINT64_C(1099511628211);
    uint64_t h = UINT64_C(14695981039346656037);
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t word;
        memcpy(&word, data + i, sizeof word);
        h = (h ^ word) * prime;
    }
    for (; i < size; i++)
        h = (h ^ data[i]) * prime;
    return h;
}
/* end region: checksum */

static void fail_note(struct note *n, const char *what, const char *why)
{
    if (n->failed) /* the first reason is the real one */
        return;
    n->failed = 1;
    snprintf(n->why, sizeof n->why, "%s: %s", what, why);
}

/* region: hold-read */
static int read_whole_file(const char *path, struct holding *h, struct note *n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    const char *why = NULL;
    if (fd < 0 || check_mappable(fd, &h->size, &why) != 0) {
        fail_note(n, "open", why ? why : strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    h->buffer = malloc(h->size); /* this worker's own copy */
    ssize_t got = h->buffer ? pread_full(fd, h->buffer, h->size, 0) : -1;
    if (h->buffer == NULL)
        fail_note(n, "malloc", strerror(errno));
    else if (got < 0)
        fail_note(n, "pread", strerror(errno));
    else if ((size_t)got < h->size)
        fail_note(n, "pread", "the file shrank while we read it");
    close(fd);
    h->data = h->buffer;
    return n->failed ? -1 : 0;
}
/* end region: hold-read */

/* region: hold-map */
static int map_whole_file(const char *path, enum writer writer, struct holding *h,
                          struct note *n)
{
    enum map_access access = writer == WRITER_PRIVATE ? MAP_ACCESS_PRIVATE
                           : writer == WRITER_SHARED  ? MAP_ACCESS_SHARED
                                                      : MAP_ACCESS_READ;
    const char *why;
    if (map_file(path, access, &h->mf, &why) != 0) {
        fail_note(n, "mmap", why);
        return -1;
    }
    h->data = h->mf.data;
    h->size = h->mf.size;
    return 0;
}
/* end region: hold-map */

int hold_file(const char *path, enum mode mode, enum writer writer, struct holding *h,
              struct note *n)
{
    *h = (struct holding){0};
    return mode == MODE_MMAP ? map_whole_file(path, writer, h, n) : read_whole_file(path, h, n);
}

void release_holding(struct holding *h)
{
    unmap_file(&h->mf);
    free(h->buffer);
    *h = (struct holding){0};
}

/* What a guarded loop works on: guard_run() passes one pointer. */
struct pass {
    unsigned char *data;
    size_t size;
    uint64_t sum;
};

static void checksum_pass(void *arg)
{
    struct pass *p = arg;
    p->sum = checksum(p->data, p->size);
}

/* region: writers */
/* A store copies the page under MAP_PRIVATE even when it writes the byte that
 * is already there: the kernel copies on the write fault, not on a change. */
static void store_into_every_page(void *arg)
{
    struct pass *p = arg;
    volatile unsigned char *bytes = p->data;
    for (size_t off = 0; off < p->size; off += page_size())
        bytes[off] = bytes[off];
}

/* Under MAP_SHARED the store lands in the page cache page itself, which every
 * other mapping of the file (and the file) shares. */
static void flip_a_byte_in_every_page(void *arg)
{
    struct pass *p = arg;
    volatile unsigned char *bytes = p->data;
    for (size_t off = 0; off < p->size; off += page_size())
        bytes[off] = (unsigned char)(bytes[off] ^ 0xFF);
}
/* end region: writers */

/* region: guarded */
/* Every pass over the mapping runs under the guard. If the file shrinks
 * under it, an access past the new end raises SIGBUS; so does touching a
 * hole on a full file system (tmpfs allocates a page even to read one).
 * The guard turns that into an error this worker reports, not its death. */
static int guarded_pass(const struct holding *h, void (*fn)(void *), struct pass *p,
                        const char *what, struct note *n)
{
    *p = (struct pass){.data = h->data, .size = h->size};
    if (guard_run(h->data, h->size, fn, p) == 0)
        return 0;
    char why[96];
    if (errno == EFAULT)
        snprintf(why, sizeof why,
                 "SIGBUS at offset %zu: the file shrank, or its file system is full",
                 guard_fault_offset());
    else
        snprintf(why, sizeof why, "cannot guard the mapping: %s", strerror(errno));
    fail_note(n, what, why);
    return -1;
}
/* end region: guarded */

int checksum_holding(const struct holding *h, struct note *n)
{
    struct pass p;
    if (guarded_pass(h, checksum_pass, &p, "checksum", n) != 0)
        return -1;
    n->checksum = p.sum;
    return 0;
}

int store_into_holding(const struct holding *h, int flip, struct note *n)
{
    struct pass p;
    return guarded_pass(h, flip ? flip_a_byte_in_every_page : store_into_every_page, &p,
                        "store", n);
}

/* region: worker */
/* A worker holds the file, says so, then waits on its command pipe: 'w' to
 * write (the shared writer), 'c' to checksum again, end of file to exit.
 * Blocking in read() is the synchronisation: no sleeps. */
void worker_run(const char *path, enum mode mode, enum writer writer, int note_fd,
                int command_fd)
{
    struct holding h;
    struct note n = {0};
    int rc = hold_file(path, mode, writer, &h, &n);
    if (rc == 0)
        rc = checksum_holding(&h, &n);
    if (rc == 0 && writer == WRITER_PRIVATE)
        rc = store_into_holding(&h, 0, &n);
    n.data = (uintptr_t)h.data;
    int ok = write_full(note_fd, &n, sizeof n) == 0 && rc == 0;
    char command;
    while (ok && read_full(command_fd, &command, 1) == 1) {
        if (command == 'w')
            rc = store_into_holding(&h, 1, &n);
        if (rc == 0)
            rc = checksum_holding(&h, &n);
        ok = write_full(note_fd, &n, sizeof n) == 0 && rc == 0;
    }
    release_holding(&h);
    _exit(rc == 0 ? 0 : 1); /* _exit: the parent's stdio buffers are not ours to flush */
}
/* end region: worker */
