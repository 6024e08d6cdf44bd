/* The floors' memory (code/common/hugebuf.c), which chapters 3 and 9 share:
 * aligned to the kernel's huge page when huge pages are asked for, plain
 * base pages when they are refused, and smaps read back for each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hugebuf.h"
#include "mapping.h"

/* The kernel's own word on the huge page size, or 0 if it has none. */
static size_t sysfs_huge_page(void)
{
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "r");
    unsigned long long v = 0;
    if (f != NULL) {
        if (fscanf(f, "%llu", &v) != 1)
            v = 0;
        fclose(f);
    }
    return (size_t)v;
}

static void huge_buffers_start_on_the_kernels_huge_page(void **state)
{
    (void)state;
    size_t page = huge_page_size();
    size_t sysfs = sysfs_huge_page();
    assert_int_equal(page, sysfs != 0 ? sysfs : (size_t)2 << 20);
    struct huge_buffer b;
    size_t size = page + page / 2;
    assert_int_equal(huge_buffer_alloc(&b, size, 1), 0);
    assert_int_equal((uintptr_t)b.data % page, 0);
    assert_int_equal(b.size, size);
    assert_int_equal(b.length, 2 * page);
    assert_int_equal(b.page, page);
    memset(b.data, 1, b.length); /* every byte of it is ours to write */
    long long huge = huge_buffer_huge_bytes(&b);
    if (huge < 0) {
        huge_buffer_free(&b);
        skip(); /* no /proc/self/smaps */
    }
    assert_true(huge <= (long long)b.length);
    if (strcmp(thp_mode(), "never") == 0 || strcmp(thp_mode(), "unavailable") == 0)
        assert_int_equal(huge, 0);
    huge_buffer_free(&b);
    assert_null(b.data);
    assert_int_equal(b.length, 0);
}

/* MADV_NOHUGEPAGE: base pages even where THP is "always". */
static void refused_huge_pages_give_base_pages(void **state)
{
    (void)state;
    struct huge_buffer b;
    size_t size = ((size_t)4 << 20) + 1;
    assert_int_equal(huge_buffer_alloc(&b, size, 0), 0);
    assert_int_equal((uintptr_t)b.data % page_size(), 0);
    assert_int_equal(b.length, (size + page_size() - 1) / page_size() * page_size());
    assert_int_equal(b.page, 0);
    memset(b.data, 1, b.length);
    size_t rss;
    if (smaps_field(b.data, "Rss", &rss) != 0) {
        huge_buffer_free(&b);
        skip();
    }
    assert_true(rss * 1024 >= size); /* written, so resident */
    assert_int_equal(huge_buffer_huge_bytes(&b), 0);
    huge_buffer_free(&b);
    huge_buffer_free(&b); /* harmless on a zeroed one */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(huge_buffers_start_on_the_kernels_huge_page),
        cmocka_unit_test(refused_huge_pages_give_base_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
