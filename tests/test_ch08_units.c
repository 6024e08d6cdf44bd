/* Chapter 8, unit tests: pagecache's modules, through their headers. The
 * orders touch every page once; eviction leaves no page resident and a full
 * scan leaves every page resident; MADV_RANDOM makes a cold scan fault once
 * per page where MADV_SEQUENTIAL lets readahead do the work; the SVG is well
 * formed. Counts only: nothing here looks at a clock. */
#define _DEFAULT_SOURCE /* madvise, MAP_POPULATE names used in asserts */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "evict.h"
#include "fault.h"
#include "hints.h"
#include "mapping.h"
#include "order.h"
#include "output.h"
#include "residency.h"
#include "run.h"
#include "scan.h"
#include "strip.h"
#include "svg.h"
#include "tmp.h"
#include "xmlcheck.h"

enum { PAGES = 1024 }; /* 4 MiB with 4 KiB pages: small, but larger than fault-around */

static const char *make_file(void **state, size_t pages)
{
    return tmp_random_file(*state, "data.bin", pages * page_size());
}

/* Every order visits each page exactly once. */
static void assert_permutation(const size_t *index, size_t pages)
{
    unsigned char *seen = calloc(pages, 1);
    for (size_t i = 0; i < pages; i++) {
        assert_true(index[i] < pages);
        assert_int_equal(seen[index[i]], 0);
        seen[index[i]] = 1;
    }
    free(seen);
}

static void orders_touch_every_page_once(void **state)
{
    (void)state;
    const char *names[] = {"sequential", "random", "stride:1", "stride:7", "stride:5000"};
    size_t index[1000];
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        struct order o;
        assert_int_equal(order_parse(names[k], &o), 0);
        char name[32];
        assert_string_equal(order_name(&o, name, sizeof name), names[k]);
        order_fill(&o, index, 1000, 8);
        assert_permutation(index, 1000);
    }
    struct order o;
    assert_int_equal(order_parse("stride:3", &o), 0);
    order_fill(&o, index, 7, 0);
    size_t strided[] = {0, 3, 6, 1, 4, 2, 5};
    assert_memory_equal(index, strided, sizeof strided);
}

static void the_random_order_is_the_same_for_the_same_seed(void **state)
{
    (void)state;
    struct order o = {.kind = ORDER_RANDOM};
    size_t a[500], b[500], c[500];
    order_fill(&o, a, 500, 8);
    order_fill(&o, b, 500, 8);
    order_fill(&o, c, 500, 9);
    assert_memory_equal(a, b, sizeof a);
    assert_true(memcmp(a, c, sizeof a) != 0);
    size_t in_place = 0;
    for (size_t i = 0; i < 500; i++)
        in_place += a[i] == i;
    assert_true(in_place < 50); /* shuffled, not the identity */
}

static void bad_names_are_refused(void **state)
{
    (void)state;
    const char *orders[] = {"", "Sequential", "stride:", "stride:0", "stride:-1", "stride:2x",
                            "stride:1048577", "zigzag"};
    struct order o;
    for (size_t k = 0; k < sizeof orders / sizeof orders[0]; k++) {
        errno = 0;
        assert_int_equal(order_parse(orders[k], &o), -1);
        assert_int_equal(errno, EINVAL);
    }
    enum advice a;
    enum populate p;
    assert_int_equal(advice_parse("free", &a), -1);
    assert_int_equal(advice_parse("willneed", &a), 0);
    assert_string_equal(advice_name(a), "willneed");
    assert_int_equal(populate_parse("eager", &p), -1);
    assert_int_equal(populate_parse("map", &p), 0);
    assert_int_equal(populate_map_flags(p), MAP_POPULATE);
}

/* Eviction empties the cache of the file; skip where the file system cannot. */
static int evicted(int fd, const void *map, size_t length)
{
    unsigned char *vec = malloc(length / page_size() + 1);
    size_t left = 99;
    assert_int_equal(evict_pages(fd, map, length, vec, &left), 0);
    free(vec);
    return left == 0;
}

static void residency_is_zero_after_eviction_and_full_after_a_scan(void **state)
{
    const char *path = make_file(state, PAGES);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    size_t length = PAGES * page_size();
    unsigned char *map = mmap(NULL, length, PROT_READ, MAP_SHARED, fd, 0);
    assert_true(map != MAP_FAILED);
    if (!evicted(fd, map, length)) {
        munmap(map, length);
        close(fd);
        print_message("skipped: this file system keeps files in memory; nothing can be evicted\n");
        skip();
    }
    unsigned char vec[PAGES];
    assert_int_equal(residency_capture(map, length, vec), 0);
    struct scan_options o = {.order = {.kind = ORDER_RANDOM}, .seed = 1};
    struct snapshots snaps;
    struct scan_result r;
    assert_int_equal(scan_file(fd, length, &o, &snaps, &r), 0);
    assert_int_equal(r.touched, PAGES);
    assert_int_equal(r.resident_before, 0);
    assert_string_equal(scan_cache_state(&r), "cold");
    assert_int_equal(r.resident_after, PAGES);
    assert_int_equal(residency_capture(map, length, vec), PAGES);
    /* One row before the first touch, one per 1/16 of the file after. */
    assert_int_equal(snaps.rows, 17);
    assert_int_equal(snaps.resident[0], 0);
    assert_int_equal(snaps.touched[16], PAGES);
    assert_int_equal(snaps.resident[16], PAGES);
    for (size_t row = 1; row < snaps.rows; row++) /* a page touched stays */
        assert_true(snaps.resident[row] >= (long)snaps.touched[row]);
    snapshots_free(&snaps);
    munmap(map, length);
    close(fd);
}

/* A cold scan's major faults under one advice. */
static long cold_major_faults(const char *path, enum advice advice, size_t *pages)
{
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    struct scan_options o = {.advice = advice, .cold = 1};
    struct snapshots snaps;
    struct scan_result r;
    int rc = scan_file(fd, PAGES * page_size(), &o, &snaps, &r);
    snapshots_free(&snaps);
    close(fd);
    if (rc != 0 && r.status == SCAN_NOT_EVICTED)
        return -1;
    assert_int_equal(rc, 0);
    assert_int_equal(r.touched, PAGES);
    *pages = r.pages;
    return r.faults.major;
}

static void madv_random_faults_once_per_page_and_sequential_far_less(void **state)
{
    const char *path = make_file(state, PAGES);
    size_t pages = 0;
    long random = cold_major_faults(path, ADVISE_RANDOM, &pages);
    long sequential = cold_major_faults(path, ADVISE_SEQUENTIAL, &pages);
    long normal = cold_major_faults(path, ADVISE_NORMAL, &pages);
    if (random < 0 || sequential < 0 || normal < 0) {
        print_message("skipped: this file system cannot evict the file, so no scan is cold\n");
        skip();
    }
    print_message("major faults over %zu cold pages: random %ld, sequential %ld, normal %ld\n",
                  pages, random, sequential, normal);
    assert_true(random >= (long)pages * 9 / 10); /* no readahead: one read per page */
    assert_true(sequential * 4 < random);
    assert_true(normal * 4 < random);
}

/* MAP_POPULATE and MADV_POPULATE_READ read the whole cold file before the
 * first touch (the latter unless the kernel predates it). */
static void populating_reads_everything_before_the_first_touch(void **state)
{
    const char *path = make_file(state, PAGES);
    static const enum populate ways[] = {POPULATE_MAP, POPULATE_MADVISE};
    for (size_t k = 0; k < sizeof ways / sizeof ways[0]; k++) {
        int fd = open(path, O_RDONLY);
        assert_true(fd >= 0);
        struct scan_options o = {.populate = ways[k], .cold = 1};
        struct snapshots snaps;
        struct scan_result r;
        int rc = scan_file(fd, PAGES * page_size(), &o, &snaps, &r);
        close(fd);
        if (rc != 0 && r.status == SCAN_NOT_EVICTED) {
            snapshots_free(&snaps);
            print_message("skipped: this file system cannot evict the file\n");
            skip();
        }
        assert_int_equal(rc, 0);
        assert_int_equal(r.resident_before, 0);
        if (r.populate_skipped)
            print_message("MADV_POPULATE_READ is unknown to this kernel\n");
        else
            assert_int_equal(r.advised_resident, PAGES);
        assert_string_equal(snaps.label[0], "before touching");
        snapshots_free(&snaps);
    }
}

static void dontneed_drops_rss_but_not_the_cache(void **state)
{
    const char *path = make_file(state, PAGES);
    int fd = open(path, O_RDONLY);
    struct scan_options o = {.advice = ADVISE_DONTNEED};
    struct snapshots snaps;
    struct scan_result r;
    assert_int_equal(scan_file(fd, PAGES * page_size(), &o, &snaps, &r), 0);
    close(fd);
    assert_true(r.rss_before_kib >= PAGES * page_size() / 1024 * 9 / 10);
    assert_int_equal(r.rss_after_kib, 0);
    assert_int_equal(r.resident_after, PAGES);
    assert_string_equal(snaps.label[snaps.rows - 1], "after DONTNEED");
    snapshots_free(&snaps);
}

/* The text a reader sees counts in English: "1 major fault", "2 minor faults". */
static void one_fault_is_singular(void **state)
{
    (void)state;
    struct scan_options o = {.advice = ADVISE_WILLNEED};
    struct scan_result r = {.pages = 4, .touched = 4, .ms = 1.5, .known = 0,
                            .faults = {.major = 1, .minor = 2}, .resident_before = -1,
                            .resident_after = -1, .advised_resident = -1,
                            .advised_faults = {.major = 1}};
    struct snapshots snaps = {0};
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    assert_non_null(out);
    print_scan_text(out, &o, &r, &snaps);
    r.faults = (struct faults){.major = 0, .minor = 1};
    r.advised_faults.major = 3;
    print_scan_text(out, &o, &r, &snaps);
    assert_int_equal(fclose(out), 0);
    assert_non_null(strstr(text, " ms: 1 major fault, 2 minor faults\n"));
    assert_non_null(strstr(text, "resident, after 1 major fault\n"));
    assert_non_null(strstr(text, " ms: 0 major faults, 1 minor fault\n"));
    assert_non_null(strstr(text, "resident, after 3 major faults\n"));
    free(text);
}

static void the_svg_is_well_formed(void **state)
{
    const char *path = make_file(state, 100);
    int fd = open(path, O_RDONLY);
    struct scan_options o = {.every = 30};
    struct snapshots snaps;
    struct scan_result r;
    assert_int_equal(scan_file(fd, 100 * page_size(), &o, &snaps, &r), 0);
    close(fd);
    assert_int_equal(snaps.rows, 5); /* before, 30, 60, 90, 100 */
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_int_equal(svg_write(out, &snaps, "a <title> & \"quotes\""), 0);
    fclose(out);
    char why[200] = "";
    if (xml_check(text, "svg", why, sizeof why) != 0)
        fail_msg("%s\n%s", why, text);
    assert_contains(text, "<title>a &lt;title&gt; &amp; &quot;quotes&quot;</title>");
    /* A label per row, besides the heading and the legend. */
    size_t texts = 0;
    for (const char *p = text; (p = strstr(p, "<text ")) != NULL; p++)
        texts++;
    assert_int_equal(texts, 5 + 2);
    /* The last row is all resident: one dark rectangle across 100 cells. */
    assert_contains(text, ">100 touched</text>\n<rect x=\"150\" y=\"87\" width=\"500\" "
                          "height=\"12\" fill=\"#1f4e79\" fill-opacity=\"1.00\"/>\n<text");
    free(text);
    snapshots_free(&snaps);
}

/* The checker itself must refuse what is broken, or the test above proves nothing. */
static void the_xml_checker_refuses_broken_documents(void **state)
{
    (void)state;
    char why[200];
    assert_int_equal(xml_check("<svg><g></g></svg>", "svg", why, sizeof why), 0);
    assert_int_equal(xml_check("<?xml version=\"1.0\"?>\n<svg a=\"1\"><rect/></svg>\n", "svg",
                               why, sizeof why), 0);
    assert_int_equal(xml_check("<svg><g></svg>", "svg", why, sizeof why), -1);
    assert_int_equal(xml_check("<svg></svg><svg></svg>", "svg", why, sizeof why), -1);
    assert_int_equal(xml_check("<html></html>", "svg", why, sizeof why), -1);
    assert_int_equal(xml_check("<svg><text>a < b</text></svg>", "svg", why, sizeof why), -1);
    assert_int_equal(xml_check("<svg><text>a & b</text></svg>", "svg", why, sizeof why), -1);
    assert_int_equal(xml_check("<svg><rect x=\"1></svg>", "svg", why, sizeof why), -1);
    assert_int_equal(xml_check("<svg>", "svg", why, sizeof why), -1);
}

static void the_strip_draws_full_partial_and_empty_cells(void **state)
{
    (void)state;
    unsigned char vec[] = {1, 1, 1, 0, 0, 0, 1};
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    strip_print(out, vec, 7, 3); /* 3 pages a cell: 111 000 1 */
    fclose(out);
    assert_string_equal(text, "|#.#|\n");
    free(text);
    assert_int_equal(strip_pages_per_cell(16384, 64), 256);
    assert_int_equal(strip_pages_per_cell(3, 64), 1);
}

/* mincore() fails on the snapshot taken after the advice, before any row is
 * captured: the scan reports the call, and leaves the advised count unknown
 * rather than read a row that was never taken. */
static void a_failed_snapshot_after_the_advice_leaves_the_count_unknown(void **state)
{
    const char *path = make_file(state, 16);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    if (residency_known(fd) != 1) {
        close(fd);
        print_message("skipped: mincore() cannot tell this user the truth\n");
        skip();
    }
    struct scan_options o = {.advice = ADVISE_WILLNEED};
    struct snapshots snaps;
    struct scan_result r;
    fault_inject("mincore", ENOMEM, 1); /* the first call counts the cache before the scan */
    int rc = scan_file(fd, 16 * page_size(), &o, &snaps, &r);
    fault_clear();
    close(fd);
    assert_int_equal(rc, -1);
    assert_int_equal(r.status, SCAN_FAILED);
    assert_string_equal(r.failed_call, "mincore");
    assert_int_equal(snaps.rows, 0);
    assert_int_equal(r.advised_resident, -1);
    snapshots_free(&snaps);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(orders_touch_every_page_once),
        cmocka_unit_test(the_random_order_is_the_same_for_the_same_seed),
        cmocka_unit_test(bad_names_are_refused),
        cmocka_unit_test_setup_teardown(residency_is_zero_after_eviction_and_full_after_a_scan,
                                        tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(madv_random_faults_once_per_page_and_sequential_far_less,
                                        tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(populating_reads_everything_before_the_first_touch,
                                        tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(dontneed_drops_rss_but_not_the_cache, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test(one_fault_is_singular),
        cmocka_unit_test_setup_teardown(the_svg_is_well_formed, tmp_setup, tmp_teardown),
        cmocka_unit_test(the_xml_checker_refuses_broken_documents),
        cmocka_unit_test(the_strip_draws_full_partial_and_empty_cells),
        cmocka_unit_test_setup_teardown(a_failed_snapshot_after_the_advice_leaves_the_count_unknown,
                                        tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("chapter 8: pagecache's modules", tests, NULL, NULL);
}
