/* The table of cases, and finding a case by its name. */
#include "cases.h"
#include "overcommit.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* region: cases */
#define E(err) {.kind = OUT_ERRNO, .value = (err)}
#define S(sig) {.kind = OUT_SIGNAL, .value = (sig)}
#define OK {.kind = OUT_SUCCESS}

/* The commit rows: the kernel's answer is its overcommit policy's. */
static struct outcome commit_private_under(int policy)
{
    return commit_expected(policy, 0);
}

static struct outcome commit_noreserve_under(int policy)
{
    return commit_expected(policy, 1);
}

static const struct failure_case cases[] = {
    {.name = "pipe", .tried = "mmap() the read end of a pipe", .expected = E(ENODEV),
     .lesson = "a pipe is a stream, with no pages to map: read() it", .probe = probe_pipe},
    {.name = "tty", .tried = "mmap() a terminal (a pty from posix_openpt)",
     .expected = E(ENODEV), .lesson = "a terminal is a stream too: check S_ISREG first",
     .probe = probe_tty},
/* end region: cases */
    {.name = "special", .variant = "devnull", .tried = "mmap() /dev/null",
     .expected = E(ENODEV), .lesson = "a device maps only if its driver offers mmap",
     .probe = probe_devnull},
    {.name = "special", .variant = "proc-self", .tried = "mmap() /proc/self/status",
     .expected = E(ENODEV), .lesson = "made on each read(), no mmap: read() them",
     .probe = probe_proc_self},
    {.name = "special", .variant = "proc-cpuinfo", .tried = "mmap() /proc/cpuinfo",
     .expected = E(EIO), .lesson = "another /proc file, another errno: fstat() first",
     .probe = probe_proc_cpuinfo},
    {.name = "directory", .tried = "mmap() a directory opened with open()",
     .expected = E(ENODEV), .lesson = "open() accepts a directory; only fstat() tells",
     .probe = probe_directory},
    {.name = "empty", .variant = "length-0", .tried = "mmap() a 0-byte file with length 0",
     .expected = E(EINVAL), .lesson = "length 0 is always refused: check st_size first",
     .probe = probe_empty_length},
    {.name = "empty", .variant = "touch", .tried = "mmap() 1 byte of a 0-byte file, then read it",
     .expected = S(SIGBUS), .lesson = "mmap() succeeds; the touch finds no page of file",
     .probe = probe_empty_touch},
    {.name = "unaligned-offset", .tried = "mmap() at offset 100", .expected = E(EINVAL),
     .lesson = "offsets are whole pages: round down, add the rest", .probe = probe_unaligned},
    {.name = "write-on-readonly", .variant = "shared",
     .tried = "PROT_WRITE, MAP_SHARED, O_RDONLY descriptor", .expected = E(EACCES),
     .lesson = "a shared mapping cannot exceed the open() mode", .probe = probe_write_shared},
    {.name = "write-on-readonly", .variant = "private",
     .tried = "PROT_WRITE, MAP_PRIVATE, O_RDONLY, store", .expected = OK,
     .lesson = "private is copy-on-write: stores stay in memory", .probe = probe_write_private},
    {.name = "address-space", .variant = "rlimit", .tried = "256 MiB with 64 MiB of RLIMIT_AS left",
     .expected = E(ENOMEM), .lesson = "no room in the address space: ENOMEM, not SIGSEGV",
     .probe = probe_rlimit},
    {.name = "address-space", .variant = "sparse",
     .tried = "mmap() a sparse file larger than RAM + swap, read both ends", .expected = OK,
     .lesson = "shared, read-only: costs address space, not RAM", .probe = probe_sparse},
    {.name = "commit", .variant = "private",
     .tried = "the same file, PROT_WRITE and MAP_PRIVATE", .expected = E(ENOMEM),
     .lesson = "every page may need a copy: all of it is counted", .probe = probe_private_commit,
     .expected_under = commit_private_under},
    {.name = "commit", .variant = "noreserve", .tried = "the same, with MAP_NORESERVE, one store",
     .expected = OK, .lesson = "not counted: a store may fail later, not mmap()",
     .probe = probe_private_noreserve, .expected_under = commit_noreserve_under},
    {.name = "truncated", .variant = "touch", .tried = "truncate a mapped file, read past new end",
     .expected = S(SIGBUS), .lesson = "the mapping outlives the file's end: SIGBUS",
     .probe = probe_truncated_touch},
    {.name = "truncated", .variant = "guarded", .tried = "the same read through guarded_read()",
     .expected = E(EFAULT), .lesson = "SIGBUS handler + siglongjmp: an error, not death",
     .probe = probe_truncated_guarded},
    {.name = "past-end", .variant = "mapping", .tried = "read 1 byte past the end of the mapping",
     .expected = S(SIGSEGV), .lesson = "outside every mapping: SIGSEGV, a plain bug",
     .probe = probe_beyond_mapping},
    {.name = "past-end", .variant = "page-tail", .tried = "read the tail of the last page, past EOF",
     .expected = OK, .lesson = "the rest of the last page reads as zeros",
     .probe = probe_page_tail},
    {.name = "past-end", .variant = "whole-page",
     .tried = "read a mapped page wholly past end-of-file", .expected = S(SIGBUS),
     .lesson = "mapped, but no file behind it: SIGBUS", .probe = probe_beyond_eof},
    {.name = "past-end", .variant = "grown",
     .tried = "that page in a child, then grow the file, read", .expected = OK,
     .lesson = "the mapping kept its length: the page now reads", .probe = probe_grown},
};
enum { CASE_COUNT = sizeof cases / sizeof cases[0] };

struct outcome case_expected(const struct failure_case *c, int policy)
{
    return c->expected_under != NULL ? c->expected_under(policy) : c->expected;
}

size_t case_count(void)
{
    return CASE_COUNT;
}

const struct failure_case *case_at(size_t i)
{
    return i < CASE_COUNT ? &cases[i] : NULL;
}

void case_label(const struct failure_case *c, char *text, size_t size)
{
    snprintf(text, size, "%s%s%s", c->name, c->variant ? "/" : "", c->variant ? c->variant : "");
}

const struct failure_case *find_case(const char *label)
{
    for (size_t i = 0; i < CASE_COUNT; i++) {
        char name[64];
        case_label(&cases[i], name, sizeof name);
        if (strcmp(name, label) == 0)
            return &cases[i];
    }
    return NULL;
}

int case_selected(const struct failure_case *c, const char *name)
{
    char label[64];
    case_label(c, label, sizeof label);
    return strcmp(name, c->name) == 0 || strcmp(name, label) == 0;
}

int name_known(const char *name)
{
    for (size_t i = 0; i < CASE_COUNT; i++)
        if (case_selected(&cases[i], name))
            return 1;
    return 0;
}
