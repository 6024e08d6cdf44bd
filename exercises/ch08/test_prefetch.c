/* Grades exercise 8.2: prefetch_window() must read the window ahead of the
 * reader into the page cache (and no further), and drop this process's pages
 * behind it, which the page cache keeps. */
#define _DEFAULT_SOURCE /* mincore */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "prefetch.h"
#include "residency.h"
#include "tmp.h"

enum { PAGES = 1024, WINDOW_PAGES = 64 };

static size_t page(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

struct mapped {
    int fd;
    unsigned char *map;
    size_t length;
};

/* A cold file of PAGES pages, mapped; skips where nothing can be evicted. */
static struct mapped cold_mapping(void **state)
{
    struct mapped m = {.length = PAGES * page()};
    const char *path = tmp_random_file(*state, "data.bin", m.length);
    m.fd = open(path, O_RDONLY);
    assert_true(m.fd >= 0);
    want_eq(fsync(m.fd), 0);
    want_eq(posix_fadvise(m.fd, 0, 0, POSIX_FADV_DONTNEED), 0);
    m.map = mmap(NULL, m.length, PROT_READ, MAP_SHARED, m.fd, 0);
    assert_true(m.map != MAP_FAILED);
    size_t resident;
    want_eq(count_resident(m.map, m.length, &resident), 0);
    if (resident != 0) {
        print_message("skipped: this file system keeps files in memory; nothing can be evicted\n");
        skip();
    }
    return m;
}

static void unmap(struct mapped *m)
{
    munmap(m->map, m->length);
    close(m->fd);
}

static size_t resident_in(const struct mapped *m, size_t first_page, size_t pages)
{
    size_t n;
    want_eq(count_resident(m->map + first_page * page(), pages * page(), &n), 0);
    return n;
}

/* WILLNEED starts the reads and returns; wait (up to 5 s) for them to land. */
static size_t settled_resident_in(const struct mapped *m, size_t first_page, size_t pages)
{
    struct timespec tick = {.tv_nsec = 10 * 1000 * 1000};
    for (int i = 0; i < 500 && resident_in(m, first_page, pages) < pages; i++)
        nanosleep(&tick, NULL);
    return resident_in(m, first_page, pages);
}

/* Rss of the mapping at @addr, from /proc/self/smaps, in pages. */
static size_t rss_pages(const void *addr)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    assert_non_null(f);
    char line[512];
    int inside = 0;
    uintmax_t start, end, kib = SIZE_MAX;
    while (fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "%" SCNxMAX "-%" SCNxMAX " ", &start, &end) == 2)
            inside = start == (uintmax_t)(uintptr_t)addr;
        else if (inside && sscanf(line, "Rss: %" SCNuMAX " kB", &kib) == 1)
            break;
    }
    fclose(f);
    assert_true(kib != SIZE_MAX);
    return (size_t)(kib * 1024 / page());
}

static void the_window_ahead_is_read_and_no_further(void **state)
{
    struct mapped m = cold_mapping(state);
    size_t window = WINDOW_PAGES * page();
    size_t pos = 100 * page() + 123; /* inside page 100 */
    want_eq(prefetch_window(m.map, m.length, pos, window), 0);
    /* Pages 100 to 164 overlap [pos, pos + window): all read. */
    want_eq(settled_resident_in(&m, 100, WINDOW_PAGES + 1), WINDOW_PAGES + 1);
    want_eq(resident_in(&m, 0, 100), 0);
    want_eq(resident_in(&m, 100 + WINDOW_PAGES + 1, PAGES - 100 - WINDOW_PAGES - 1), 0);
    /* Near the end the window is clipped, and nothing fails. */
    want_eq(prefetch_window(m.map, m.length, m.length - 1, window), 0);
    want_eq(settled_resident_in(&m, PAGES - 1, 1), 1);
    unmap(&m);
}

static void pages_behind_leave_the_process_but_stay_cached(void **state)
{
    struct mapped m = cold_mapping(state);
    size_t window = WINDOW_PAGES * page();
    const volatile unsigned char *reader = m.map; /* volatile: every load happens */
    for (size_t pos = 0; pos < m.length; pos += page()) {
        want_eq(prefetch_window(m.map, m.length, pos, window), 0);
        (void)reader[pos]; /* the reader */
    }
    /* The reader touched every page, but only about a window's worth (plus the
     * kernel's fault-around) is still mapped into this process. */
    size_t rss = rss_pages(m.map);
    print_message("Rss of the mapping after the walk: %zu of %d pages\n", rss, PAGES);
    want_le(rss, 4 * WINDOW_PAGES);
    /* The page cache kept them all. */
    want_eq(resident_in(&m, 0, PAGES), PAGES);
    unmap(&m);
}

static void bad_arguments_are_einval(void **state)
{
    struct mapped m = cold_mapping(state);
    errno = 0;
    want_eq(prefetch_window(m.map, m.length, m.length, page()), -1);
    want_errno(EINVAL);
    errno = 0;
    want_eq(prefetch_window(m.map, m.length, 0, 0), -1);
    want_errno(EINVAL);
    unmap(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_window_ahead_is_read_and_no_further, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(pages_behind_leave_the_process_but_stay_cached, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(bad_arguments_are_einval, tmp_setup, tmp_teardown),
    };
    return run_exercise_tests("exercise 8.2: a prefetch window", tests);
}
