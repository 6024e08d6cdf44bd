/* Grades exercise 9.2: the threaded count equals a one-pass count, for
 * every number of threads, on text whose words straddle the slice edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "want.h"
#include "wordcount.h"

static size_t reference(const unsigned char *d, size_t n)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < n; i++) {
        int space = d[i] == ' ' || d[i] == '\t' || d[i] == '\n';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

/* Words of 1 to 12 letters, separated by 1 to 3 spaces, tabs or newlines. */
static unsigned char *make_text(size_t n)
{
    unsigned char *d = malloc(n);
    want_true(d != NULL, "out of memory");
    uint32_t x = 2463534242u;
    size_t i = 0;
    while (i < n) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        size_t len = 1 + x % 12;
        for (size_t k = 0; k < len && i < n; k++)
            d[i++] = (unsigned char)('a' + (x >> (k % 24)) % 26);
        size_t gap = 1 + (x >> 8) % 3;
        for (size_t k = 0; k < gap && i < n; k++)
            d[i++] = " \t\n"[(x >> (12 + k)) % 3];
    }
    return d;
}

static void every_thread_count_agrees(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 7, 100, 4097, 100003};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        unsigned char *d = make_text(sizes[s]);
        size_t want = reference(d, sizes[s]);
        for (unsigned t = 1; t <= 9; t++)
            want_true(count_words(d, sizes[s], t) == want,
                      "%zu bytes of text with %u threads: counted %zu words, expected %zu",
                      sizes[s], t, count_words(d, sizes[s], t), want);
        free(d);
    }
}

static void a_word_across_every_edge_counts_once(void **state)
{
    (void)state;
    unsigned char d[64];
    memset(d, 'x', sizeof d);
    want_eq(count_words(d, sizeof d, 1), 1);
    want_true(count_words(d, sizeof d, 8) == 1,
              "one word across 8 slices: counted %zu, expected 1", count_words(d, sizeof d, 8));
    d[0] = ' ';
    d[63] = '\n';
    want_true(count_words(d, sizeof d, 5) == 1,
              "one word across 5 slices: counted %zu, expected 1", count_words(d, sizeof d, 5));
    want_eq(count_words(d, 0, 3), 0);
    want_true(count_words(d, sizeof d, 0) == (size_t)-1, "0 threads must return (size_t)-1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_thread_count_agrees),
        cmocka_unit_test(a_word_across_every_edge_counts_once),
    };
    return run_exercise_tests("exercise 9.2: Words across threads", tests);
}
