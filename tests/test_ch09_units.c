/* Chapter 9's modules, unit by unit: the fold against a byte-by-byte
 * reference, pieces that add up to the whole, and every variant, found by
 * name, run through the library on a file made here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "floor.h"
#include "fold.h"
#include "fold_reference.h"
#include "table.h"
#include "tmp.h"
#include "variants.h"

static void fold_matches_the_reference_and_adds_up(void **state)
{
    (void)state;
    const uint16_t probe = 1;
    if (*(const unsigned char *)&probe != 1)
        skip(); /* the reference assembles little-endian words */
    enum { N = 4099 };
    unsigned char *d = malloc(N);
    assert_non_null(d);
    for (size_t i = 0; i < N; i++)
        d[i] = (unsigned char)(i * 131 + (i >> 7));
    for (size_t n = 0; n <= 40; n++)
        assert_true(fold(d, n, 0) == fold_reference(d, n));
    assert_true(fold(d, N, 0) == fold_reference(d, N));
    /* Pieces at multiples of 8 add up to the whole. */
    assert_true(fold(d, 1024, 0) + fold(d + 1024, N - 1024, 1024) == fold_reference(d, N));
    assert_true(fold(d, 8, 0) + fold(d + 8, 8, 8) + fold(d + 16, N - 16, 16) == fold_reference(d, N));
    /* The same words at another offset fold differently: position counts. */
    assert_true(fold(d, 64, 0) != fold(d, 64, 64));
    free(d);
}

static void every_variant_is_found_by_name_and_agrees(void **state)
{
    size_t size = (2u << 20) + 777;
    const char *path = tmp_random_file(*state, "f", size);
    size_t n;
    unsigned char *d = read_file(path, &n);
    assert_non_null(d);
    uint64_t want = fold_reference(d, n);
    free(d);
    static const char *const names[] = {"read_4k", "read_16k", "read_64k", "read_256k", "read_1m",
                                        "pread_1m", "mmap", "mmap_sequential", "mmap_populate",
                                        "memory", "memory_4k", "memcpy"};
    assert_int_equal(variant_count(), sizeof names / sizeof names[0]);
    assert_null(variant_by_name("mmap_fast"));
    for (unsigned threads = 1; threads <= 3; threads++) {
        struct scan s = {.fd = open(path, O_RDONLY), .size = size, .threads = threads};
        assert_true(s.fd >= 0);
        assert_int_equal(scan_setup(&s, path), 0);
        assert_true(scan_reference(&s) == want);
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            const struct variant *v = variant_by_name(names[i]);
            assert_non_null(v);
            struct scan_result r;
            assert_int_equal(v->run(v, &s, &r), 0);
            if (v->has_checksum)
                assert_true(r.checksum == want);
            if (v->buffer > 0 && !v->threaded)
                assert_int_equal(r.syscalls, (size + v->buffer - 1) / v->buffer + 2);
        }
        scan_teardown(&s);
        close(s.fd);
    }
}

/* memory_4k's copy refuses huge pages even where the same bytes in `memory`
 * may get them: smaps shows no AnonHugePages in it. */
static void the_small_page_floor_has_no_huge_pages(void **state)
{
    size_t size = 8u << 20; /* four aligned 2 MiB ranges at least */
    const char *path = tmp_random_file(*state, "f", size);
    struct scan s = {.fd = open(path, O_RDONLY), .size = size, .threads = 1};
    assert_true(s.fd >= 0);
    assert_int_equal(scan_setup(&s, path), 0);
    assert_non_null(s.small.data);
    assert_true(s.small.length >= size);
    assert_int_equal(s.small.page, 0);
    assert_memory_equal(s.small.data, s.memory.data, size);
    assert_int_equal(huge_buffer_huge_bytes(&s.small), 0);
    scan_teardown(&s);
    assert_null(s.small.data);
    close(s.fd);
}

static void huge_buffer_is_aligned(void **state)
{
    (void)state;
    struct huge_buffer b;
    assert_int_equal(huge_buffer_alloc(&b, 3u << 20, 1), 0);
    assert_int_equal((uintptr_t)b.data % (2u << 20), 0);
    assert_int_equal(b.length, 4u << 20);
    memset(b.data, 1, b.size);
    long long huge = huge_buffer_huge_bytes(&b);
    assert_true(huge >= 0 && huge <= (long long)b.length);
    huge_buffer_free(&b);
    assert_null(b.data);
    assert_true(limit_buffer_size() >= (32u << 20) && limit_buffer_size() <= (64u << 20));
}

/* The cold line counts its faults in words a reader would use: "1 major
 * fault", "2 major faults", and with none, "0 major faults: not cold". */
static void cold_line_says_fault_or_faults(void **state)
{
    (void)state;
    char line[192];
    const char *device = ": its pages came from the device (or a cache below this system)";
    char want[256];
    assert_true(cold_faults_line(line, sizeof line, 1) < (int)sizeof line);
    snprintf(want, sizeof want, "cold:     mmap's median run: 1 major fault%s", device);
    assert_string_equal(line, want);
    assert_true(cold_faults_line(line, sizeof line, 2) < (int)sizeof line);
    snprintf(want, sizeof want, "cold:     mmap's median run: 2 major faults%s", device);
    assert_string_equal(line, want);
    cold_faults_line(line, sizeof line, 0);
    assert_string_equal(line, "cold:     mmap's median run: 0 major faults: not cold");
    /* Cut to fit, never past the buffer. */
    assert_true(cold_faults_line(line, 10, 1) > 10);
    assert_string_equal(line, "cold:    ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fold_matches_the_reference_and_adds_up),
        cmocka_unit_test_setup_teardown(every_variant_is_found_by_name_and_agrees, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(the_small_page_floor_has_no_huge_pages, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test(huge_buffer_is_aligned),
        cmocka_unit_test(cold_line_says_fault_or_faults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
