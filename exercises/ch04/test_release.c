/* Grades exercise 4.2: release_pages() drops Rss and Pss while the page cache
 * keeps the pages, refuses private mappings, and count_cached() says "unknown"
 * where mincore() cannot be trusted. */
#define _GNU_SOURCE /* madvise, mincore, MAP_ANONYMOUS */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "fault.h"
#include "release.h"
#include "tmp.h"

enum { PAGES = 64 };

static size_t page(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

/* Rss and Pss, in KiB, of the smaps entry that holds addr. */
struct usage {
    unsigned long long rss, pss;
};

static struct usage usage_of(const void *addr)
{
    struct usage u = {0, 0};
    FILE *f = fopen("/proc/self/smaps", "r");
    want_true(f != NULL, "cannot read /proc/self/smaps: %s", strerror(errno));
    char line[4200];
    int inside = 0;
    unsigned long lo, hi;
    unsigned long long kib;
    while (fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
            inside = lo <= (uintptr_t)addr && (uintptr_t)addr < hi;
        else if (inside && sscanf(line, "Rss: %llu kB", &kib) == 1)
            u.rss = kib;
        else if (inside && sscanf(line, "Pss: %llu kB", &kib) == 1)
            u.pss = kib;
    }
    fclose(f);
    return u;
}

static const char *make_file(void **state, const char *name, size_t size)
{
    return tmp_random_file(*state, name, size);
}

/* Map a whole file: the test's own mapping, made as the case needs it. */
static unsigned char *map_path(const char *path, size_t size, int prot, int flags)
{
    int fd = open(path, flags == MAP_SHARED && (prot & PROT_WRITE) ? O_RDWR : O_RDONLY);
    want_true(fd >= 0, "the test cannot open %s: %s", path, strerror(errno));
    unsigned char *p = mmap(NULL, size, prot, flags, fd, 0);
    want_true(p != MAP_FAILED, "the test cannot map %s: %s", path, strerror(errno));
    close(fd);
    return p;
}

/* Map a file shared, read-only, and read every page, so all of it is resident. */
static unsigned char *map_and_touch(const char *path, size_t size)
{
    unsigned char *p = map_path(path, size, PROT_READ, MAP_SHARED);
    const volatile unsigned char *touch = p;
    for (size_t i = 0; i < size; i += page())
        (void)touch[i];
    return p;
}

static void evict(const char *path)
{
    int fd = open(path, O_RDONLY);
    want_true(fd >= 0, "the test cannot open %s: %s", path, strerror(errno));
    want_true(fsync(fd) == 0 && posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0,
              "the test cannot evict %s: %s", path, strerror(errno));
    close(fd);
}

static long major_faults(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_majflt;
}

static void releasing_drops_rss_and_pss_but_the_cache_keeps_the_pages(void **state)
{
    size_t size = PAGES * page();
    const char *path = make_file(state, "data", size);
    size_t n;
    unsigned char *bytes = read_file(path, &n);
    unsigned char *p = map_and_touch(path, size);
    struct usage before = usage_of(p);
    want_true(before.rss == size / 1024, "the test's mapping should be all resident: Rss %llu KiB",
              before.rss);
    fault_clear();
    want_eq(release_pages(p, size), 0);
    want_calls("madvise", 1);
    struct usage after = usage_of(p);
    want_true(after.rss == 0 && after.pss == 0,
              "after release_pages() the mapping has Rss %llu KiB and Pss %llu KiB; expected 0 and 0 "
              "(before: %llu and %llu)", after.rss, after.pss, before.rss, before.pss);
    struct cache_count c;
    want_eq(count_cached(path, &c), 0);
    want_eq(c.known, 1);
    want_eq(c.pages, PAGES);
    want_true(c.cached == PAGES,
              "%zu of %d pages are still cached; the page cache should keep them all", c.cached,
              PAGES);
    /* The bytes come back from the cache: right, and without waiting for the disk. */
    long majflt = major_faults();
    want_mem(p, bytes, size);
    want_true(major_faults() == majflt, "reading the released range waited for the disk %ld times",
              major_faults() - majflt);
    want_true(usage_of(p).rss == size / 1024, "reading every page again should map it again");
    munmap(p, size);
    free(bytes);
}

static void part_of_a_mapping(void **state)
{
    size_t size = PAGES * page();
    const char *path = make_file(state, "data", size);
    unsigned char *p = map_and_touch(path, size);
    want_eq(release_pages(p + size / 2, size / 2), 0);
    want_eq(usage_of(p).rss, size / 2 / 1024);
    want_eq(release_pages(p, 1), 0); /* a partial page counts whole */
    want_eq(usage_of(p).rss, size / 2 / 1024 - page() / 1024);
    munmap(p, size);
}

static void a_writable_shared_mapping_keeps_its_stores(void **state)
{
    size_t size = 8 * page();
    const char *path = make_file(state, "data", size);
    unsigned char *p = map_path(path, size, PROT_READ | PROT_WRITE, MAP_SHARED);
    memcpy(p + page(), "stored", 6);
    want_eq(release_pages(p, size), 0);
    want_mem(p + page(), "stored", 6); /* a shared store is in the page cache, not lost */
    munmap(p, size);
}

static void private_mappings_are_refused_and_keep_their_changes(void **state)
{
    size_t size = 4 * page();
    const char *path = make_file(state, "data", size);
    unsigned char *p = map_path(path, size, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    memcpy(p, "mine", 4);
    fault_clear();
    errno = 0;
    want_eq(release_pages(p, size), -1);
    want_errno(EINVAL);
    want_calls("madvise", 0);
    want_mem(p, "mine", 4);
    munmap(p, size);
    unsigned char *anon = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    want_true(anon != MAP_FAILED, "the test cannot map memory: %s", strerror(errno));
    memset(anon, 7, size);
    errno = 0;
    want_eq(release_pages(anon, size), -1);
    want_errno(EINVAL);
    want_eq(anon[size - 1], 7);
    munmap(anon, size);
}

static void bad_ranges_are_refused(void **state)
{
    size_t size = 4 * page();
    const char *path = make_file(state, "data", size);
    unsigned char *p = map_and_touch(path, size);
    fault_clear();
    errno = 0;
    want_eq(release_pages(p + 1, page()), -1); /* not page-aligned */
    want_errno(EINVAL);
    errno = 0;
    want_eq(release_pages(p, 0), -1);
    want_errno(EINVAL);
    errno = 0;
    want_eq(release_pages(p, size + page()), -1); /* runs past the mapping */
    want_errno(ENOMEM);
    munmap(p, size);
    errno = 0;
    want_eq(release_pages(p, page()), -1); /* nothing mapped there now */
    want_errno(ENOMEM);
    want_calls("madvise", 0);
    want_eq(usage_of(p).rss, 0);
}

static void the_cache_is_counted_without_touching_it(void **state)
{
    size_t size = PAGES * page();
    const char *path = make_file(state, "data", size);
    evict(path);
    struct cache_count c;
    want_eq(count_cached(path, &c), 0);
    want_eq(c.known, 1);
    want_eq(c.pages, PAGES);
    want_eq(c.cached, 0);
    want_eq(count_cached(path, &c), 0); /* asking brought nothing in */
    want_eq(c.cached, 0);
    int fd = open(path, O_RDONLY);
    char b;
    want_true(pread(fd, &b, 1, 0) == 1 && pread(fd, &b, 1, (off_t)(40 * page())) == 1,
              "the test cannot read %s", path);
    close(fd);
    want_eq(count_cached(path, &c), 0);
    want_ge(c.cached, 2); /* read-ahead may bring in more */
    want_le(c.cached, PAGES);
    path = make_file(state, "odd", 2 * page() + 100);
    want_eq(count_cached(path, &c), 0);
    want_eq(c.pages, 3);
}

/* A file this process neither owns nor may write: as root, a child that has
 * become nobody asks about a root-owned, read-only file. */
static void a_file_we_neither_own_nor_may_write_is_unknown(void **state)
{
    const char *path = tmp_file(*state, "theirs", "not yours\n", 10);
    want_true(chmod(path, 0644) == 0 && chmod(((struct tmp *)*state)->dir, 0755) == 0,
              "the test cannot share %s: %s", path, strerror(errno));
    struct stat st;
    want_true(stat(path, &st) == 0, "stat %s: %s", path, strerror(errno));
    if (geteuid() != 0) {
        path = "/etc/passwd"; /* root's, and read-only to everyone else */
        if (stat(path, &st) != 0 || st.st_uid == geteuid() || access(path, W_OK) == 0) {
            print_message("no file here is neither ours nor writable: nothing to check\n");
            return;
        }
        struct cache_count c;
        want_eq(count_cached(path, &c), 0);
        want_true(c.known == 0, "%s is not ours and not writable: mincore() cannot be trusted, "
                                "so known must be 0", path);
        want_eq(c.cached, 0);
        return;
    }
    pid_t pid = fork();
    want_true(pid >= 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(90);
        struct cache_count c;
        if (count_cached(path, &c) != 0)
            _exit(91);
        _exit(c.known ? 92 : c.cached != 0 ? 93 : c.pages == 1 ? 0 : 94);
    }
    int status;
    want_eq(waitpid(pid, &status, 0), pid);
    want_true(WIFEXITED(status), "the child asking as nobody died of signal %d",
              WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    switch (WEXITSTATUS(status)) {
    case 0: break;
    case 90: print_message("cannot become nobody here: nothing to check\n"); break;
    case 91: fail_msg("count_cached() failed for a file nobody may read but not write");
    case 92: fail_msg("a process that neither owns the file nor may write it got known = 1: "
                      "mincore() says every page is resident to it, so the count is a lie");
    case 93: fail_msg("known = 0, so cached must be 0");
    default: fail_msg("pages must still be the file's size in pages (1)");
    }
}

static void failures_are_reported_and_cleaned_up(void **state)
{
    struct tmp *t = *state;
    struct cache_count c;
    const char *path = make_file(state, "data", 4 * page());
    fault_clear();
    fault_inject("mincore", ENOMEM, 0);
    errno = 0;
    want_eq(count_cached(path, &c), -1);
    want_errno(ENOMEM);
    want_same_calls("mmap", "munmap");
    want_same_calls("open", "close");
    const char *empty = tmp_file(t, "empty", "", 0);
    fault_clear();
    errno = 0;
    want_eq(count_cached(empty, &c), -1);
    want_errno(EINVAL);
    errno = 0;
    want_eq(count_cached(t->dir, &c), -1);
    want_errno(EINVAL);
    want_same_calls("open", "close");
    errno = 0;
    want_eq(count_cached(tmp_path(t, "absent"), &c), -1);
    want_errno(ENOENT);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(releasing_drops_rss_and_pss_but_the_cache_keeps_the_pages),
        T(part_of_a_mapping),
        T(a_writable_shared_mapping_keeps_its_stores),
        T(private_mappings_are_refused_and_keep_their_changes),
        T(bad_ranges_are_refused),
        T(the_cache_is_counted_without_touching_it),
        T(a_file_we_neither_own_nor_may_write_is_unknown),
        T(failures_are_reported_and_cleaned_up),
    };
#undef T
    return run_exercise_tests("exercise 4.2: give back the pages, keep the cache", tests);
}
