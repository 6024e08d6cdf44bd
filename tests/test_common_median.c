/* Medians (code/common/median.c), which chapters 3, 7 and 9 summarize runs with;
 * median() of times is tested with chapters 3 and 7, median_long() here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "median.h"

/* A count's median is one some run really had: the upper middle one. */
static void medians_of_counts_are_counts_a_run_had(void **state)
{
    (void)state;
    long odd[] = {30, -1, 20};
    assert_int_equal(median_long(odd, 3), 20);
    assert_int_equal(odd[0], -1);
    long even[] = {4, 1, 3, 2};
    assert_int_equal(median_long(even, 4), 3);
    long one[] = {7};
    assert_int_equal(median_long(one, 1), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(medians_of_counts_are_counts_a_run_had),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
