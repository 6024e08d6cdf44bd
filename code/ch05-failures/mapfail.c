/* mapfail: try every way mmap() says no, each in a child process so that a
 * signal cannot take the program down, and compare what the kernel did with
 * what this book says it does. */

/* _GNU_SOURCE: MAP_ANONYMOUS (to reserve address space), posix_openpt() and
 * ptsname() (a terminal without a controlling terminal), _SC_PHYS_PAGES. */
#define _GNU_SOURCE
#include "guard.h"
#include "mapping.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* region: outcome */
/* What a probe saw: success, an errno from a call, or (filled in by the
 * parent from waitpid) the signal that killed the child. */
enum outcome_kind { OUT_SUCCESS, OUT_ERRNO, OUT_SIGNAL, OUT_BROKEN };

struct outcome {
    enum outcome_kind kind;
    int value;        /* the errno or the signal number */
    char detail[64];  /* for success: what was seen; for broken: which step failed */
};
/* end region: outcome */

/* A probe runs in the child. It returns what it saw, or never returns. */
typedef struct outcome probe_fn(const char *dir);

struct failure_case {
    const char *name;     /* the case, as named on the command line */
    const char *variant;  /* which of its rows, or NULL for a one-row case */
    const char *tried;
    struct outcome expected;
    const char *lesson;
    probe_fn *probe;
};

static struct outcome success(const char *detail)
{
    struct outcome o = {OUT_SUCCESS, 0, ""};
    snprintf(o.detail, sizeof o.detail, "%s", detail);
    return o;
}

static struct outcome failed(int errnum)
{
    struct outcome o = {OUT_ERRNO, errnum, ""};
    return o;
}

/* A step before the one under test failed: not the lesson, but say which. */
static struct outcome broken(const char *step, int errnum)
{
    struct outcome o = {OUT_BROKEN, errnum, ""};
    snprintf(o.detail, sizeof o.detail, "%s", step);
    return o;
}

/* --- scratch files ---------------------------------------------------- */

/* A file of @size bytes (the first @n from @bytes, the rest a hole), opened
 * with @oflags and already unlinked: when the child dies, of a signal or not,
 * the kernel removes it, so nothing is ever left behind. */
static int scratch_file(const char *dir, const void *bytes, size_t n, off_t size, int oflags)
{
    char path[512];
    snprintf(path, sizeof path, "%s/probe-XXXXXX", dir);
    int rw = mkstemp(path);
    if (rw < 0)
        return -1;
    int fd = -1;
    if ((n == 0 || write(rw, bytes, n) == (ssize_t)n) && ftruncate(rw, size) == 0)
        fd = oflags == O_RDWR ? dup(rw) : open(path, oflags);
    int saved = errno;
    unlink(path);
    close(rw);
    errno = saved;
    return fd;
}

/* Read one byte through a volatile pointer, so the compiler cannot drop the
 * load: the load is the experiment. */
static unsigned char touch(const void *p)
{
    return *(const volatile unsigned char *)p;
}

/* A touch that should have raised a signal returned instead: say what it read. */
static struct outcome no_signal(unsigned char byte)
{
    char seen[64];
    snprintf(seen, sizeof seen, "read %u, no signal", byte);
    return success(seen);
}

/* mmap() a descriptor whole-page, read-only, and report only its errno. */
static struct outcome map_readonly(int fd, size_t length, off_t offset)
{
    void *p = mmap(NULL, length, PROT_READ, MAP_SHARED, fd, offset);
    if (p == MAP_FAILED)
        return failed(errno);
    munmap(p, length);
    return success("mapped");
}

/* --- the probes ------------------------------------------------------- */

/* region: probe-pipe */
static struct outcome probe_pipe(const char *dir)
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
static struct outcome probe_tty(const char *dir)
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

static struct outcome probe_devnull(const char *dir)
{
    (void)dir;
    return probe_path("/dev/null", O_RDONLY);
}

static struct outcome probe_proc(const char *dir)
{
    (void)dir;
    return probe_path("/proc/self/status", O_RDONLY);
}

/* open() succeeds on a directory; only mmap() (or fstat()) says no. */
static struct outcome probe_directory(const char *dir)
{
    return probe_path(dir, O_RDONLY | O_DIRECTORY);
}

/* region: probe-empty */
static struct outcome probe_empty_length(const char *dir)
{
    int fd = scratch_file(dir, NULL, 0, 0, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    struct outcome o = map_readonly(fd, 0, 0); /* st_size as the length */
    close(fd);
    return o;
}

static struct outcome probe_empty_touch(const char *dir)
{
    int fd = scratch_file(dir, NULL, 0, 0, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    unsigned char *p = mmap(NULL, 1, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return failed(errno);
    unsigned char c = touch(p); /* no page of the file exists: SIGBUS */
    munmap(p, 1);
    return no_signal(c);
}
/* end region: probe-empty */

static struct outcome probe_unaligned(const char *dir)
{
    static const char text[] = "an offset must be a multiple of the page size\n";
    int fd = scratch_file(dir, text, sizeof text - 1, 8192, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    struct outcome o = map_readonly(fd, 100, 100);
    close(fd);
    return o;
}

/* region: probe-readonly */
static struct outcome probe_write_shared(const char *dir)
{
    int fd = scratch_file(dir, "hello\n", 6, 6, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    void *p = mmap(NULL, 6, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    munmap(p, 6);
    return success("mapped writable");
}

static struct outcome probe_write_private(const char *dir)
{
    int fd = scratch_file(dir, "hello\n", 6, 6, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    unsigned char *p = mmap(NULL, 6, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        int saved = errno;
        close(fd);
        return failed(saved);
    }
    p[0] = 'J'; /* copy-on-write: this page is now ours alone */
    char on_disk = 0;
    ssize_t got = pread(fd, &on_disk, 1, 0);
    int saved = errno;
    char seen[64];
    snprintf(seen, sizeof seen, "stored '%c', file still '%c'", p[0], on_disk);
    munmap(p, 6);
    close(fd);
    if (got != 1)
        return broken("pread", saved);
    if (on_disk != 'h')
        return broken("the store reached the file", 0);
    return success(seen);
}
/* end region: probe-readonly */

/* The address space this process uses now, from /proc/self/statm (pages). */
static int address_space_used(size_t *bytes)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return -1;
    unsigned long pages = 0;
    int ok = fscanf(f, "%lu", &pages) == 1;
    fclose(f);
    if (!ok) {
        errno = EIO;
        return -1;
    }
    *bytes = (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
    return 0;
}

/* region: probe-rlimit */
/* Leave room for 64 MiB more, then ask for 256 MiB. Counting from what is
 * already used keeps the experiment honest under AddressSanitizer too, which
 * reserves terabytes of address space for its shadow memory at start-up. */
static struct outcome probe_rlimit(const char *dir)
{
    const size_t room = (size_t)64 << 20, want = (size_t)256 << 20;
    int fd = scratch_file(dir, NULL, 0, (off_t)want, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    size_t used;
    if (address_space_used(&used) != 0)
        return broken("/proc/self/statm", errno);
    struct rlimit limit = {used + room, used + room};
    if (setrlimit(RLIMIT_AS, &limit) != 0)
        return broken("setrlimit", errno);
    struct outcome o = map_readonly(fd, want, 0);
    close(fd);
    return o;
}
/* end region: probe-rlimit */

/* region: probe-sparse */
/* A file far larger than RAM, all hole: on a 64-bit system the mapping costs
 * address space, which is plentiful, and no memory until a page is touched. */
static struct outcome probe_sparse(const char *dir)
{
    const uint64_t size = (uint64_t)1 << 40; /* 1 TiB */
    if (size > SIZE_MAX)
        return failed(EOVERFLOW); /* a 32-bit size_t cannot even say it */
    int fd = scratch_file(dir, NULL, 0, (off_t)size, O_RDONLY);
    if (fd < 0)
        return broken("ftruncate to 1 TiB", errno);
    unsigned char *p = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    unsigned sum = touch(p) + touch(p + size - 1);
    munmap(p, (size_t)size);
    uint64_t ram = (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGESIZE);
    char seen[64];
    snprintf(seen, sizeof seen, "%llu GiB mapped, RAM %llu GiB%s",
             (unsigned long long)(size >> 30), (unsigned long long)(ram >> 30),
             sum == 0 ? "" : ", NOT zeros");
    return sum == 0 ? success(seen) : broken(seen, 0);
}
/* end region: probe-sparse */

/* Three pages of a file, mapped whole, then the file cut to one page. */
static unsigned char *map_then_truncate(const char *dir, size_t page, int *err)
{
    int fd = scratch_file(dir, NULL, 0, (off_t)(3 * page), O_RDWR);
    if (fd < 0) {
        *err = errno;
        return NULL;
    }
    unsigned char *p = mmap(NULL, 3 * page, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED || ftruncate(fd, (off_t)page) != 0) {
        *err = errno;
        if (p != MAP_FAILED)
            munmap(p, 3 * page);
        close(fd);
        return NULL;
    }
    close(fd);
    return p;
}

/* region: probe-truncated */
static struct outcome probe_truncated_touch(const char *dir)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    int err;
    unsigned char *p = map_then_truncate(dir, page, &err);
    if (p == NULL)
        return broken("map, then truncate", err);
    unsigned char c = touch(p + 2 * page); /* the file ends at page 1 now */
    munmap(p, 3 * page);
    return no_signal(c);
}

static struct outcome probe_truncated_guarded(const char *dir)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    int err;
    unsigned char *p = map_then_truncate(dir, page, &err);
    if (p == NULL)
        return broken("map, then truncate", err);
    unsigned char byte;
    int inside = guarded_read(&byte, p, 1);          /* still in the file */
    int outside = guarded_read(&byte, p + 2 * page, 1); /* cut off */
    int saved = errno;
    munmap(p, 3 * page);
    if (inside != 0)
        return broken("guarded read inside the file", errno);
    return outside == 0 ? success("read past the end, no error") : failed(saved);
}
/* end region: probe-truncated */

/* region: probe-past-end */
/* A 100-byte file mapped over one page, with the next page reserved and then
 * released, so that nothing at all is mapped right after ours. */
static struct outcome probe_beyond_mapping(const char *dir)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    int fd = scratch_file(dir, "x", 1, 100, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    unsigned char *area = mmap(NULL, 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) {
        close(fd);
        return broken("reserve", errno);
    }
    unsigned char *p = mmap(area, page, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED || munmap(area + page, page) != 0)
        return broken("map into the reservation", p == MAP_FAILED ? saved : errno);
    unsigned char c = touch(p + page); /* one byte past the mapping: SIGSEGV */
    munmap(p, page);
    return no_signal(c);
}

static struct outcome probe_page_tail(const char *dir)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    int fd = scratch_file(dir, "x", 1, 100, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    unsigned char *p = mmap(NULL, 100, PROT_READ, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    unsigned char c = touch(p + page - 1); /* last byte of the page, past EOF */
    munmap(p, 100);
    char seen[64];
    snprintf(seen, sizeof seen, "byte %zu reads %u", page - 1, c);
    return c == 0 ? success(seen) : broken(seen, 0);
}

static struct outcome probe_beyond_eof(const char *dir)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    int fd = scratch_file(dir, "x", 1, 100, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    /* Two pages asked for, one page of file: mmap() does not object. */
    unsigned char *p = mmap(NULL, 2 * page, PROT_READ, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    unsigned char c = touch(p + page); /* a whole page past EOF: SIGBUS */
    munmap(p, 2 * page);
    return no_signal(c);
}
/* end region: probe-past-end */

/* region: cases */
#define E(err) {OUT_ERRNO, err, ""}
#define S(sig) {OUT_SIGNAL, sig, ""}
#define OK {OUT_SUCCESS, 0, ""}

static const struct failure_case cases[] = {
    {"pipe", NULL, "mmap() the read end of a pipe", E(ENODEV),
     "a pipe is a stream, with no pages to map: read() it", probe_pipe},
    {"tty", NULL, "mmap() a terminal (a pty from posix_openpt)", E(ENODEV),
     "a terminal is a stream too: check S_ISREG first", probe_tty},
    {"special", "devnull", "mmap() /dev/null", E(ENODEV),
     "a device maps only if its driver offers mmap", probe_devnull},
    {"special", "proc", "mmap() /proc/self/status", E(ENODEV),
     "/proc files are made on each read(): read() them", probe_proc},
    {"directory", NULL, "mmap() a directory opened with open()", E(ENODEV),
     "open() accepts a directory; only fstat() tells", probe_directory},
    {"empty", "length-0", "mmap() a 0-byte file with length 0", E(EINVAL),
     "length 0 is always refused: check st_size first", probe_empty_length},
    {"empty", "touch", "mmap() 1 byte of a 0-byte file, then read it", S(SIGBUS),
     "mmap() succeeds; the touch finds no page of file", probe_empty_touch},
    {"unaligned-offset", NULL, "mmap() at offset 100", E(EINVAL),
     "offsets are whole pages: round down, add the rest", probe_unaligned},
    {"write-on-readonly", "shared", "PROT_WRITE, MAP_SHARED, O_RDONLY descriptor", E(EACCES),
     "a shared mapping cannot exceed the open() mode", probe_write_shared},
    {"write-on-readonly", "private", "PROT_WRITE, MAP_PRIVATE, O_RDONLY, store", OK,
     "private is copy-on-write: stores stay in memory", probe_write_private},
    {"address-space", "rlimit", "256 MiB with 64 MiB of RLIMIT_AS left", E(ENOMEM),
     "no room in the address space: ENOMEM, not SIGSEGV", probe_rlimit},
    {"address-space", "sparse", "mmap() a 1 TiB sparse file, read both ends", OK,
     "64-bit: a mapping costs address space, not RAM", probe_sparse},
    {"truncated", "touch", "truncate a mapped file, read past new end", S(SIGBUS),
     "the mapping outlives the file's end: SIGBUS", probe_truncated_touch},
    {"truncated", "guarded", "the same read through guarded_read()", E(EFAULT),
     "SIGBUS handler + siglongjmp: an error, not death", probe_truncated_guarded},
    {"past-end", "mapping", "read 1 byte past the end of the mapping", S(SIGSEGV),
     "outside every mapping: SIGSEGV, a plain bug", probe_beyond_mapping},
    {"past-end", "page-tail", "read the tail of the last page, past EOF", OK,
     "the rest of the last page reads as zeros", probe_page_tail},
    {"past-end", "whole-page", "read a mapped page wholly past end-of-file", S(SIGBUS),
     "mapped, but no file behind it: SIGBUS", probe_beyond_eof},
};
enum { CASE_COUNT = sizeof cases / sizeof cases[0] };
/* end region: cases */

/* --- naming what was seen ---------------------------------------------- */

static const char *errno_name(int errnum)
{
    static const struct { int value; const char *name; } names[] = {
        {EACCES, "EACCES"}, {EAGAIN, "EAGAIN"}, {EBADF, "EBADF"}, {EEXIST, "EEXIST"},
        {EFAULT, "EFAULT"}, {EFBIG, "EFBIG"}, {EINVAL, "EINVAL"}, {EIO, "EIO"},
        {EISDIR, "EISDIR"}, {EMFILE, "EMFILE"}, {ENFILE, "ENFILE"}, {ENODEV, "ENODEV"},
        {ENOENT, "ENOENT"}, {ENOMEM, "ENOMEM"}, {ENOSPC, "ENOSPC"}, {ENOTDIR, "ENOTDIR"},
        {ENXIO, "ENXIO"}, {EOVERFLOW, "EOVERFLOW"}, {EPERM, "EPERM"}, {ETXTBSY, "ETXTBSY"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].value == errnum)
            return names[i].name;
    return "errno";
}

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGBUS:  return "SIGBUS";
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGILL:  return "SIGILL";
    case SIGFPE:  return "SIGFPE";
    case SIGKILL: return "SIGKILL";
    case SIGXFSZ: return "SIGXFSZ";
    default:      return "signal";
    }
}

/* "ENODEV", "SIGBUS", "success": the short form, for the expected column. */
static const char *outcome_name(const struct outcome *o)
{
    switch (o->kind) {
    case OUT_SUCCESS: return "success";
    case OUT_ERRNO:   return errno_name(o->value);
    case OUT_SIGNAL:  return signal_name(o->value);
    default:          return "broken";
    }
}

/* The long form, for the observed column: name and message. */
static void describe(const struct outcome *o, char *text, size_t size)
{
    switch (o->kind) {
    case OUT_SUCCESS:
        snprintf(text, size, "success: %s", o->detail);
        break;
    case OUT_ERRNO:
        snprintf(text, size, "%s (%s)", errno_name(o->value), strerror(o->value));
        break;
    case OUT_SIGNAL:
        snprintf(text, size, "%s (%s)", signal_name(o->value), strsignal(o->value));
        break;
    default:
        snprintf(text, size, "broken: %s%s%s", o->detail, o->value ? ": " : "",
                 o->value ? strerror(o->value) : "");
    }
}

static int outcome_matches(const struct outcome *seen, const struct outcome *expected)
{
    return seen->kind == expected->kind && seen->value == expected->value;
}

/* --- running a case in a child ------------------------------------------ */

/* region: child */
/* In the child: the kernel's own answer, whatever the parent inherited. A
 * disposition set by a shell or a sanitizer would change what a fault does,
 * and a core dump per SIGBUS would litter the directory and cost seconds. */
static void prepare_child(void)
{
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
}

/* Run one probe in a child. If the child reports, that is the outcome; if a
 * signal killed it, the signal is. The parent is never at risk. */
static struct outcome run_in_child(const struct failure_case *c, const char *dir)
{
    int fds[2];
    if (pipe(fds) != 0)
        return broken("pipe", errno);
    fflush(NULL); /* or the child's exit would print our buffered output twice */
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(fds[0]);
        close(fds[1]);
        return broken("fork", saved);
    }
    if (pid == 0) {
        close(fds[0]);
        prepare_child();
        struct outcome o = c->probe(dir);
        ssize_t n = write(fds[1], &o, sizeof o);
        _exit(n == (ssize_t)sizeof o ? 0 : 1);
    }
    close(fds[1]);
    struct outcome o;
    ssize_t got;
    do
        got = read(fds[0], &o, sizeof o);
    while (got < 0 && errno == EINTR);
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return broken("waitpid", errno);
    if (WIFSIGNALED(status)) {
        struct outcome killed = {OUT_SIGNAL, WTERMSIG(status), ""};
        return killed;
    }
    if (got != (ssize_t)sizeof o)
        return broken("the child said nothing", 0);
    return o;
}
/* end region: child */

/* --- the table ------------------------------------------------------------ */

static void case_label(const struct failure_case *c, char *text, size_t size)
{
    snprintf(text, size, "%s%s%s", c->name, c->variant ? "/" : "", c->variant ? c->variant : "");
}

static void print_header(void)
{
    printf("%-26s %-8s %s\n", "CASE", "EXPECTED", "OBSERVED");
}

/* region: row */
static void print_row(const struct failure_case *c, const struct outcome *seen)
{
    char label[64], observed[160];
    case_label(c, label, sizeof label);
    describe(seen, observed, sizeof observed);
    printf("%-26s %-8s %-38s %s\n", label, outcome_name(&c->expected), observed,
           outcome_matches(seen, &c->expected) ? "ok" : "MISMATCH");
    printf("  tried:  %s\n", c->tried);
    printf("  lesson: %s\n", c->lesson);
}
/* end region: row */

static void list_cases(void)
{
    for (size_t i = 0; i < CASE_COUNT; i++) {
        if (i > 0 && strcmp(cases[i].name, cases[i - 1].name) == 0)
            continue;
        printf("%s\n", cases[i].name);
    }
}

/* A name selects a whole case ("empty") or one row of it ("empty/touch"). */
static int case_selected(const struct failure_case *c, const char *name)
{
    char label[64];
    case_label(c, label, sizeof label);
    return strcmp(name, c->name) == 0 || strcmp(name, label) == 0;
}

static int name_known(const char *name)
{
    for (size_t i = 0; i < CASE_COUNT; i++)
        if (case_selected(&cases[i], name))
            return 1;
    return 0;
}

/* region: check */
/* What a careful program does instead: ask the safe mapper, which checks the
 * file before mmap() and says in one sentence why it will not map. */
static int check_files(char *const paths[], int count)
{
    int status = EXIT_OK;
    for (int i = 0; i < count; i++) {
        struct mapped_file mf;
        const char *why;
        if (map_file_readonly(paths[i], &mf, &why) != 0) {
            report(paths[i], "%s", why);
            status = EXIT_FAIL;
        } else {
            printf("%s: mappable, %zu bytes\n", paths[i], mf.size);
            unmap_file(&mf);
        }
        fflush(stdout); /* keep the lines in order when stderr is the same file */
    }
    return status;
}
/* end region: check */

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [--list] [CASE...]\n"
        "       %s --check FILE...\n"
        "Try each way mmap() fails, each in a child process, and print what was\n"
        "tried, what was expected, what was observed and the lesson.\n"
        "With no CASE, run them all. A CASE is a name from --list, or NAME/ROW.\n"
        "Exit status: 0 if every outcome was the expected one, 1 if not, 2 on misuse.\n"
        "  -l, --list   list the cases and exit\n"
        "  -c, --check  instead, ask the safe mapper whether each FILE can be mapped\n"
        "  -h, --help   print this help\n",
        program_name(), program_name());
}

/* Run the selected cases (all when there are no names) and print the table. */
static int run_cases(char *const names[], int count, const char *dir)
{
    int matched = 0, ran = 0;
    print_header();
    for (size_t i = 0; i < CASE_COUNT; i++) {
        int wanted = count == 0;
        for (int k = 0; k < count && !wanted; k++)
            wanted = case_selected(&cases[i], names[k]);
        if (!wanted)
            continue;
        struct outcome seen = run_in_child(&cases[i], dir);
        print_row(&cases[i], &seen);
        ran++;
        matched += outcome_matches(&seen, &cases[i].expected);
    }
    printf("%d of %d outcomes as expected\n", matched, ran);
    return matched == ran ? EXIT_OK : EXIT_FAIL;
}

/* A private scratch directory for the probes' files, under $TMPDIR. */
static int make_scratch_dir(char *dir, size_t size)
{
    const char *base = getenv("TMPDIR");
    if (base == NULL || *base == '\0')
        base = "/tmp";
    if ((size_t)snprintf(dir, size, "%s/mapfail-XXXXXX", base) >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return mkdtemp(dir) != NULL ? 0 : -1;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"list", no_argument, NULL, 'l'},
        {"check", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    report_init(argv[0]);
    int c, list = 0, check = 0;
    opterr = 0; /* we print our own one-line messages */
    while ((c = getopt_long(argc, argv, "lch", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return EXIT_OK;
        } else if (c == 'l') {
            list = 1;
        } else if (c == 'c') {
            check = 1;
        } else {
            report(argv[optind - 1], "unknown option (try --help)");
            return EXIT_USAGE;
        }
    }
    if (check && (list || optind == argc)) {
        report("--check", list ? "cannot be combined with --list" : "needs a FILE (try --help)");
        return EXIT_USAGE;
    }
    if (check)
        return check_files(argv + optind, argc - optind);
    for (int i = optind; i < argc; i++) {
        if (!name_known(argv[i])) {
            report(argv[i], "unknown case (try --list)");
            return EXIT_USAGE;
        }
    }
    if (list) {
        list_cases();
        return EXIT_OK;
    }
    char dir[4096];
    if (make_scratch_dir(dir, sizeof dir) != 0) {
        report("scratch directory", "%s", strerror(errno));
        return EXIT_FAIL;
    }
    int status = run_cases(argv + optind, argc - optind, dir);
    /* Every probe unlinks its files at once, so the directory is empty. */
    if (rmdir(dir) != 0) {
        report(dir, "rmdir: %s", strerror(errno));
        status = EXIT_FAIL;
    }
    return status;
}
