/* sharemap: start N worker processes that each hold the whole of one file,
 * either through a read-only mapping or in a buffer of their own, and ask the
 * kernel what that costs: Rss, Pss and private memory from /proc. */

/* mincore() is not in POSIX; _DEFAULT_SOURCE declares it (and keeps
 * strsignal() and the POSIX 2008 calls we already use). */
#define _DEFAULT_SOURCE
#include "mapping.h"
#include "parse.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PROCS 64                /* 64 buffers of 1 GiB is already too many */
#define MAX_SIZE (UINT64_C(1) << 30)
#define DEFAULT_PROCS 4
#define DEFAULT_SIZE (UINT64_C(64) << 20)
#define DEFAULT_FILE "build/data/share.bin"

enum mode { MODE_MMAP, MODE_READ, MODE_BOTH };
enum writer { WRITER_NONE, WRITER_PRIVATE, WRITER_SHARED };

struct config {
    const char *path;
    unsigned procs;
    uint64_t size;      /* of FILE when we must create it */
    enum mode mode;
    enum writer writer; /* what worker 0 does besides reading (mmap mode only) */
    int csv;
    int hold;           /* wait for a line on stdin before the workers exit */
    FILE *out;
};

/* Kernel memory figures, in KiB as /proc reports them. */
struct memory {
    unsigned long long rss_kib;
    unsigned long long pss_kib;
    unsigned long long private_kib;
};

/* What a worker sends its parent through its pipe: small enough
 * (under PIPE_BUF) to arrive in one piece. */
struct note {
    int failed;
    char why[120];
    uint64_t checksum;
    uintptr_t data; /* where the worker holds the file: finds its smaps entry */
};

/* The parent's view of one worker. */
struct worker {
    pid_t pid;
    int note_fd;    /* worker -> parent: notes */
    int command_fd; /* parent -> worker: one byte per command; end of file = exit */
    struct note note;
    uint64_t first_checksum;
    struct memory process; /* smaps_rollup */
    struct memory data;    /* the smaps entry holding the file's bytes */
    int failed;
    char why[160];
};

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [--procs N] [--size BYTES] [--mode mmap|read|both] [--csv] [FILE]\n"
        "Start N worker processes that each hold all of FILE, then report the\n"
        "memory each one costs (Rss, Pss, private) as the kernel accounts it.\n"
        "  -p, --procs N         workers, from 1 to %d (default %d)\n"
        "  -s, --size BYTES      size of FILE if it must be created: random bytes,\n"
        "                        1 to 1G, suffix K, M or G (default 64M)\n"
        "  -m, --mode MODE       mmap: each worker maps FILE read-only and reads every page;\n"
        "                        read: each worker read()s FILE into its own buffer;\n"
        "                        both: mmap, then read (default mmap)\n"
        "  -w, --writer KIND     (mmap mode) worker 0 also stores into every page:\n"
        "                        private: through MAP_PRIVATE (copy-on-write, FILE unchanged);\n"
        "                        shared: through MAP_SHARED, flipping one byte per page\n"
        "                        of FILE, then every worker checksums again\n"
        "  -c, --csv             print %s\n"
        "      --hold            keep the workers alive until a line (or end of file)\n"
        "                        arrives on stdin, so other tools can inspect them\n"
        "  -h, --help            print this help\n"
        "FILE defaults to %s.\n",
        program_name(), MAX_PROCS, DEFAULT_PROCS,
        "mode,procs,worker,rss_kib,pss_kib,private_kib,checksum", DEFAULT_FILE);
}

/* ---- the file ---------------------------------------------------------- */

static int write_all(int fd, const unsigned char *bytes, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, bytes, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        bytes += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Random bytes from a fixed seed (xorshift64*): the same file on every
 * machine, and no page of it equal to another, so nothing can be deduplicated. */
static void fill_random(unsigned char *chunk, size_t n, uint64_t *state)
{
    for (size_t i = 0; i < n; i++) {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        chunk[i] = (unsigned char)((*state * UINT64_C(0x2545F4914F6CDD1D)) >> 56);
    }
}

static int create_random_file(const char *path, uint64_t size)
{
    enum { CHUNK = 1 << 20 };
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        report(path, "cannot create: %s", strerror(errno));
        return -1;
    }
    unsigned char *chunk = malloc(CHUNK);
    uint64_t state = UINT64_C(0x9E3779B97F4A7C15);
    int rc = chunk == NULL ? -1 : 0;
    for (uint64_t done = 0; rc == 0 && done < size; done += CHUNK) {
        size_t n = size - done < CHUNK ? (size_t)(size - done) : CHUNK;
        fill_random(chunk, n, &state);
        rc = write_all(fd, chunk, n);
    }
    if (rc != 0)
        report(path, "cannot write: %s", strerror(errno));
    if (close(fd) != 0 && rc == 0) {
        report(path, "close: %s", strerror(errno));
        rc = -1;
    }
    free(chunk);
    if (rc != 0)
        unlink(path); /* never leave half a file behind */
    return rc;
}

/* FILE must be a non-empty regular file; a missing one is created. */
static int prepare_file(const struct config *c, size_t *size)
{
    int fd = open(c->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        if (create_random_file(c->path, c->size) != 0)
            return -1;
        if (!c->csv)
            fprintf(c->out, "created %s: %" PRIu64 " random bytes\n", c->path, c->size);
        fd = open(c->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    }
    if (fd < 0) {
        report_errno(c->path, errno);
        return -1;
    }
    const char *why;
    int rc = check_mappable(fd, size, &why);
    if (rc != 0)
        report(c->path, "%s", why);
    close(fd);
    return rc;
}

/* ---- a worker ---------------------------------------------------------- */

/* region: checksum */
/* FNV-1a, eight bytes at a time: reading every byte is the point, since it
 * makes the worker touch every page it holds. */
static uint64_t checksum(const unsigned char *data, size_t size)
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

/* The file's bytes as one worker holds them. */
struct holding {
    struct mapped_file mf; /* mmap mode */
    unsigned char *buffer; /* read mode */
    size_t size;
};

static void fail_note(struct note *n, const char *what, const char *why)
{
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
    if (h->buffer == NULL)
        fail_note(n, "malloc", strerror(errno));
    for (size_t done = 0; !n->failed && done < h->size;) {
        ssize_t got = pread(fd, h->buffer + done, h->size - done, (off_t)done);
        if (got < 0 && errno != EINTR)
            fail_note(n, "pread", strerror(errno));
        else if (got == 0)
            fail_note(n, "pread", "the file shrank while we read it");
        else if (got > 0)
            done += (size_t)got;
    }
    close(fd);
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
    h->size = h->mf.size;
    return 0;
}
/* end region: hold-map */

/* region: writers */
/* A store copies the page under MAP_PRIVATE even when it writes the byte that
 * is already there: the kernel copies on the write fault, not on a change. */
static void store_into_every_page(unsigned char *data, size_t size)
{
    volatile unsigned char *p = data;
    for (size_t off = 0; off < size; off += page_size())
        p[off] = p[off];
}

/* Under MAP_SHARED the store lands in the page cache page itself, which every
 * other mapping of the file (and the file) shares. */
static void flip_a_byte_in_every_page(unsigned char *data, size_t size)
{
    volatile unsigned char *p = data;
    for (size_t off = 0; off < size; off += page_size())
        p[off] = (unsigned char)(p[off] ^ 0xFF);
}
/* end region: writers */

static int send_note(int fd, const struct note *n)
{
    return write_all(fd, (const unsigned char *)n, sizeof *n);
}

/* region: worker */
/* A worker holds the file, says so, then waits on its command pipe: 'w' to
 * write (the shared writer), 'c' to checksum again, end of file to exit.
 * Blocking in read() is the synchronisation: no sleeps, and if the parent
 * dies, the pipe closes and the worker exits too. */
static void worker_run(const struct config *c, enum mode mode, unsigned index,
                       int note_fd, int command_fd)
{
    struct holding h = {0};
    struct note n = {0};
    enum writer writer = index == 0 ? c->writer : WRITER_NONE;
    int rc = mode == MODE_MMAP ? map_whole_file(c->path, writer, &h, &n)
                               : read_whole_file(c->path, &h, &n);
    unsigned char *data = mode == MODE_MMAP ? h.mf.data : h.buffer;
    if (rc == 0) {
        n.checksum = checksum(data, h.size);
        n.data = (uintptr_t)data;
        if (writer == WRITER_PRIVATE)
            store_into_every_page(data, h.size);
    }
    int ok = send_note(note_fd, &n) == 0 && rc == 0;
    char command;
    while (ok && read(command_fd, &command, 1) == 1) {
        if (command == 'w')
            flip_a_byte_in_every_page(data, h.size);
        n.checksum = checksum(data, h.size);
        ok = send_note(note_fd, &n) == 0;
    }
    unmap_file(&h.mf);
    free(h.buffer);
    _exit(rc == 0 ? 0 : 1); /* _exit: the parent's stdio buffers are not ours to flush */
}
/* end region: worker */

/* ---- the parent: start, talk, measure, reap ---------------------------- */

static void worker_failed(struct worker *w, const char *why)
{
    if (!w->failed) /* the first reason is the real one */
        snprintf(w->why, sizeof w->why, "%s", why);
    w->failed = 1;
}

/* region: start */
static unsigned start_workers(const struct config *c, enum mode mode, struct worker *w)
{
    fflush(NULL); /* or the children would inherit, and maybe print, our buffers */
    unsigned i;
    for (i = 0; i < c->procs; i++) {
        int notes[2], commands[2];
        if (pipe(notes) != 0) {
            report_errno("pipe", errno);
            break;
        }
        if (pipe(commands) != 0) {
            report_errno("pipe", errno);
            close(notes[0]);
            close(notes[1]);
            break;
        }
        pid_t pid = fork();
        if (pid == 0) {
            /* Close every other worker's pipes: a command pipe another
             * worker still held open would never reach end of file. */
            for (unsigned j = 0; j < i; j++) {
                close(w[j].note_fd);
                close(w[j].command_fd);
            }
            close(notes[0]);
            close(commands[1]);
            worker_run(c, mode, i, notes[1], commands[0]);
        }
        close(notes[1]);
        close(commands[0]);
        if (pid < 0) {
            report_errno("fork", errno);
            close(notes[0]);
            close(commands[1]);
            break;
        }
        w[i].pid = pid;
        w[i].note_fd = notes[0];
        w[i].command_fd = commands[1];
    }
    return i;
}
/* end region: start */

static int read_full(int fd, void *buf, size_t n)
{
    unsigned char *p = buf;
    size_t done = 0;
    while (done < n) {
        ssize_t got = read(fd, p + done, n - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        done += (size_t)got;
    }
    return 0;
}

/* Wait for a note from each worker in [first, last). A worker that dies
 * first closes its pipe, so this cannot wait forever. */
static int collect_notes(struct worker *w, unsigned first, unsigned last)
{
    int failures = 0;
    for (unsigned i = first; i < last; i++) {
        if (read_full(w[i].note_fd, &w[i].note, sizeof w[i].note) != 0)
            worker_failed(&w[i], "ended without reporting");
        else if (w[i].note.failed)
            worker_failed(&w[i], w[i].note.why);
        failures += w[i].failed;
    }
    return failures == 0 ? 0 : -1;
}

static int command_workers(struct worker *w, unsigned first, unsigned last, char command)
{
    int failures = 0;
    for (unsigned i = first; i < last; i++) {
        if (write(w[i].command_fd, &command, 1) != 1) {
            worker_failed(&w[i], "stopped listening");
            failures++;
        }
    }
    return failures == 0 ? collect_notes(w, first, last) : -1;
}

/* region: smaps */
/* One "Key:   1234 kB" line of smaps or smaps_rollup. Private memory is the
 * pages no other process maps, clean or dirty. */
static void add_field(const char *line, struct memory *m)
{
    char key[32];
    unsigned long long kib;
    if (sscanf(line, "%31[^:]: %llu kB", key, &kib) != 2)
        return;
    if (strcmp(key, "Rss") == 0)
        m->rss_kib += kib;
    else if (strcmp(key, "Pss") == 0)
        m->pss_kib += kib;
    else if (strcmp(key, "Private_Clean") == 0 || strcmp(key, "Private_Dirty") == 0)
        m->private_kib += kib;
}

/* Sum the entry of /proc/PID/NAME whose range holds @addr. In smaps each
 * mapping has an entry headed "start-end perms offset dev inode path";
 * smaps_rollup has one entry, summed by the kernel, whose range spans every
 * mapping: any address the process maps picks it. */
static int read_smaps(pid_t pid, const char *name, uintptr_t addr, struct memory *m)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, name);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    memset(m, 0, sizeof *m);
    int inside = 0, found = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long start, end;
        if (sscanf(line, "%lx-%lx ", &start, &end) == 2) /* keys never start "hex-hex" */
            found |= inside = start <= addr && addr < end;
        else if (inside)
            add_field(line, m);
    }
    fclose(f);
    if (!found)
        errno = ENOENT;
    return found ? 0 : -1;
}
/* end region: smaps */

static int measure_workers(struct worker *w, unsigned n)
{
    int failures = 0;
    for (unsigned i = 0; i < n; i++) {
        if (read_smaps(w[i].pid, "smaps_rollup", w[i].note.data, &w[i].process) != 0
            || read_smaps(w[i].pid, "smaps", w[i].note.data, &w[i].data) != 0) {
            char why[120];
            snprintf(why, sizeof why, "cannot read its smaps: %s", strerror(errno));
            worker_failed(&w[i], why);
            failures++;
        }
    }
    return failures == 0 ? 0 : -1;
}

static int checksums_agree(struct worker *w, unsigned n)
{
    for (unsigned i = 1; i < n; i++) {
        if (w[i].note.checksum != w[0].note.checksum) {
            worker_failed(&w[i], "its checksum differs from worker 0's");
            return -1;
        }
    }
    return 0;
}

/* region: reap */
/* Close every command pipe (each worker reads end of file and exits), then
 * wait for every worker we started, whatever happened before. */
static int stop_workers(struct worker *w, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        close(w[i].command_fd);
    int failures = 0;
    for (unsigned i = 0; i < n; i++) {
        int status = 0;
        char why[80] = "";
        pid_t got;
        while ((got = waitpid(w[i].pid, &status, 0)) < 0 && errno == EINTR)
            continue;
        close(w[i].note_fd);
        if (got < 0)
            snprintf(why, sizeof why, "waitpid: %s", strerror(errno));
        else if (WIFSIGNALED(status))
            snprintf(why, sizeof why, "killed by signal %d (%s)", WTERMSIG(status),
                     strsignal(WTERMSIG(status)));
        else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
            snprintf(why, sizeof why, "exited with status %d", WEXITSTATUS(status));
        if (*why != '\0')
            worker_failed(&w[i], why);
        if (w[i].failed) {
            char who[48];
            snprintf(who, sizeof who, "worker %u (pid %ld)", i, (long)w[i].pid);
            report(who, "%s", w[i].why);
            failures++;
        }
    }
    return failures == 0 ? 0 : -1;
}
/* end region: reap */

/* ---- printing ---------------------------------------------------------- */

static const char *mode_name(enum mode mode)
{
    return mode == MODE_MMAP ? "mmap" : "read";
}

static void print_csv(const struct config *c, enum mode mode, const struct worker *w)
{
    for (unsigned i = 0; i < c->procs; i++)
        fprintf(c->out, "%s,%u,%u,%llu,%llu,%llu,%016" PRIx64 "\n", mode_name(mode), c->procs,
                i, w[i].process.rss_kib, w[i].process.pss_kib, w[i].process.private_kib,
                w[i].note.checksum);
}

/* How much of the file is in the page cache, asked with mincore() through a
 * mapping we never touch (so it changes nobody's figures). */
static int page_cache_kib(const char *path, unsigned long long *resident)
{
    struct mapped_file mf;
    const char *why;
    if (map_file_readonly(path, &mf, &why) != 0)
        return -1;
    size_t pages = mf.length / page_size();
    unsigned char *vec = malloc(pages);
    int rc = vec != NULL && mincore(mf.data, mf.length, vec) == 0 ? 0 : -1;
    *resident = 0;
    for (size_t i = 0; rc == 0 && i < pages; i++)
        *resident += vec[i] & 1;
    *resident *= page_size() / 1024;
    free(vec);
    unmap_file(&mf);
    return rc;
}

static void print_heading(const struct config *c, enum mode mode, size_t size)
{
    if (mode == MODE_READ)
        fprintf(c->out, "read mode: %u workers each read %s (%zu KiB) into a buffer of their own\n",
                c->procs, c->path, size / 1024);
    else
        fprintf(c->out, "mmap mode: %u workers each map %s (%zu KiB) and read every page\n",
                c->procs, c->path, size / 1024);
    if (mode == MODE_MMAP && c->writer == WRITER_PRIVATE)
        fprintf(c->out, "worker 0 maps it MAP_PRIVATE and stores into every page\n");
    if (mode == MODE_MMAP && c->writer == WRITER_SHARED)
        fprintf(c->out, "worker 0 maps it MAP_SHARED and flips a byte in every page\n");
    fprintf(c->out, "%16s%-27s %s\n", "", "whole process (KiB)", "the file's data (KiB)");
    fprintf(c->out, "%-6s %8s %8s %8s %9s %8s %8s %9s  %s\n", "worker", "pid", "Rss", "Pss",
            "Private", "Rss", "Pss", "Private", "checksum");
}

static void print_table(const struct config *c, enum mode mode, const struct worker *w,
                        size_t size)
{
    print_heading(c, mode, size);
    struct memory p = {0}, d = {0};
    for (unsigned i = 0; i < c->procs; i++) {
        fprintf(c->out, "%6u %8ld %8llu %8llu %9llu %8llu %8llu %9llu  %016" PRIx64 "\n", i,
                (long)w[i].pid, w[i].process.rss_kib, w[i].process.pss_kib,
                w[i].process.private_kib, w[i].data.rss_kib, w[i].data.pss_kib,
                w[i].data.private_kib, w[i].note.checksum);
        p.rss_kib += w[i].process.rss_kib;
        p.pss_kib += w[i].process.pss_kib;
        p.private_kib += w[i].process.private_kib;
        d.rss_kib += w[i].data.rss_kib;
        d.pss_kib += w[i].data.pss_kib;
        d.private_kib += w[i].data.private_kib;
    }
    fprintf(c->out, "%-6s %8s %8llu %8llu %9llu %8llu %8llu %9llu\n", "total", "",
            p.rss_kib, p.pss_kib, p.private_kib, d.rss_kib, d.pss_kib, d.private_kib);
    if (mode == MODE_MMAP && c->writer == WRITER_SHARED)
        fprintf(c->out, "checksum before worker 0's stores: %016" PRIx64
                ", after: %016" PRIx64 " in every worker\n",
                w[0].first_checksum, w[0].note.checksum);
    unsigned long long resident;
    if (page_cache_kib(c->path, &resident) == 0)
        fprintf(c->out, "page cache: %llu of %zu KiB of the file resident (mincore)\n",
                resident, (size + page_size() - 1) / page_size() * page_size() / 1024);
}

/* Block until a line or end of file arrives on stdin. */
static void hold_workers(const struct config *c)
{
    if (!c->csv)
        fprintf(c->out, "holding the workers: press Enter to let them exit\n");
    fflush(c->out);
    char ch;
    ssize_t got;
    while ((got = read(STDIN_FILENO, &ch, 1)) == 1 || (got < 0 && errno == EINTR))
        if (got == 1 && ch == '\n')
            break;
}

/* region: round */
/* One round: start the workers, let them load, (let the writer write),
 * measure them all while they hold the data, print, then reap every one. */
static int run_round(const struct config *c, enum mode mode, size_t size, struct worker *w)
{
    memset(w, 0, c->procs * sizeof *w);
    unsigned started = start_workers(c, mode, w);
    int rc = started == c->procs ? collect_notes(w, 0, started) : -1;
    for (unsigned i = 0; i < started; i++)
        w[i].first_checksum = w[i].note.checksum;
    if (rc == 0 && mode == MODE_MMAP && c->writer == WRITER_SHARED)
        rc = command_workers(w, 0, 1, 'w') == 0 ? command_workers(w, 1, started, 'c') : -1;
    if (rc == 0)
        rc = measure_workers(w, started);
    if (rc == 0)
        rc = checksums_agree(w, started);
    if (rc == 0) {
        if (c->csv)
            print_csv(c, mode, w);
        else
            print_table(c, mode, w, size);
        if (c->hold)
            hold_workers(c);
    }
    fflush(c->out);
    if (stop_workers(w, started) != 0)
        rc = -1;
    return rc;
}
/* end region: round */

/* ---- options ----------------------------------------------------------- */

static int parse_procs(const char *text, unsigned *procs)
{
    int64_t v;
    if (parse_i64(text, INT64_MIN, INT64_MAX, &v) != 0) {
        report(text, "%s", parse_error(errno));
        return -1;
    }
    if (v < 1 || v > MAX_PROCS) {
        report(text, "the number of workers must be from 1 to %d", MAX_PROCS);
        return -1;
    }
    *procs = (unsigned)v;
    return 0;
}

static int parse_size(const char *text, uint64_t *size)
{
    if (parse_bytes(text, MAX_SIZE, size) != 0 || *size == 0) {
        if (errno == EINVAL)
            report(text, "%s", parse_error(errno));
        else
            report(text, "the size must be from 1 byte to 1G");
        return -1;
    }
    return 0;
}

/* The index of @text in @names (NULL-terminated), or -1. */
static int lookup(const char *text, const char *const names[])
{
    for (int i = 0; names[i] != NULL; i++)
        if (strcmp(text, names[i]) == 0)
            return i;
    return -1;
}

static int parse_option(struct config *c, int option, const char *text)
{
    switch (option) {
    case 'p':
        return parse_procs(text, &c->procs);
    case 's':
        errno = 0;
        return parse_size(text, &c->size);
    case 'm': {
        static const char *const modes[] = {"mmap", "read", "both", NULL};
        int i = lookup(text, modes);
        if (i < 0)
            report(text, "unknown mode: use mmap, read or both");
        c->mode = i < 0 ? c->mode : (enum mode)i; /* in enum order */
        return i < 0 ? -1 : 0;
    }
    case 'w': {
        static const char *const writers[] = {"private", "shared", NULL};
        int i = lookup(text, writers);
        if (i < 0)
            report(text, "unknown writer: use private or shared");
        c->writer = i < 0 ? c->writer : (enum writer)(i + 1); /* after WRITER_NONE */
        return i < 0 ? -1 : 0;
    }
    case 'c':
        c->csv = 1;
        return 0;
    default: /* 'H' */
        c->hold = 1;
        return 0;
    }
}

/* EXIT_OK to go on, or the status to exit with. -1 means: help was printed. */
static int parse_args(struct config *c, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"procs", required_argument, NULL, 'p'}, {"size", required_argument, NULL, 's'},
        {"mode", required_argument, NULL, 'm'},  {"writer", required_argument, NULL, 'w'},
        {"csv", no_argument, NULL, 'c'},         {"hold", no_argument, NULL, 'H'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
    };
    int opt;
    opterr = 0; /* we print our own one-line messages */
    while ((opt = getopt_long(argc, argv, ":p:s:m:w:ch", longopts, NULL)) != -1) {
        if (opt == 'h') {
            usage(stdout);
            return -1;
        } else if (opt == ':') {
            report(argv[optind - 1], "option needs an argument (try --help)");
            return EXIT_USAGE;
        } else if (opt == '?') {
            report(argv[optind - 1], "unknown option (try --help)");
            return EXIT_USAGE;
        } else if (parse_option(c, opt, optarg) != 0) {
            return EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        report(argv[optind + 1], "only one FILE is allowed");
        return EXIT_USAGE;
    }
    if (c->writer != WRITER_NONE && c->mode != MODE_MMAP) {
        report("--writer", "needs --mode mmap: only a mapping can be written this way");
        return EXIT_USAGE;
    }
    c->path = optind < argc ? argv[optind] : DEFAULT_FILE;
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    report_init(argv[0]);
    struct config c = {DEFAULT_FILE, DEFAULT_PROCS, DEFAULT_SIZE, MODE_MMAP, WRITER_NONE,
                       0, 0, stdout};
    int status = parse_args(&c, argc, argv);
    if (status != EXIT_OK)
        return status < 0 ? EXIT_OK : status;
    /* A worker that dies must give us EPIPE on its command pipe, not SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    size_t size;
    if (prepare_file(&c, &size) != 0)
        return EXIT_FAIL;
    struct worker *w = calloc(c.procs, sizeof *w);
    if (w == NULL) {
        report("calloc", "%s", strerror(errno));
        return EXIT_FAIL;
    }
    if (c.csv)
        fprintf(c.out, "mode,procs,worker,rss_kib,pss_kib,private_kib,checksum\n");
    if (c.mode != MODE_READ && run_round(&c, MODE_MMAP, size, w) != 0)
        status = EXIT_FAIL;
    if (status == EXIT_OK && c.mode == MODE_BOTH && !c.csv)
        fputc('\n', c.out);
    if (status == EXIT_OK && c.mode != MODE_MMAP && run_round(&c, MODE_READ, size, w) != 0)
        status = EXIT_FAIL;
    free(w);
    if (fflush(c.out) != 0 || ferror(c.out)) {
        report("stdout", "%s", strerror(errno));
        status = EXIT_FAIL;
    }
    return status;
}
