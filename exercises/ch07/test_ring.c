/* Grades exercise 7.2: the ring keeps order, refuses when full or empty, and
 * carries 200000 values from one process to another without a loss. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <sched.h>
#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "ring.h"

#define VALUES 200000

/* Retry a push or a pop, yielding, for up to 10 s without progress. A ring
 * that stays full or empty fails the test instead of hanging it. */
static int patiently(int (*attempt)(struct ring *, uint64_t *), struct ring *r, uint64_t *v)
{
    time_t give_up = time(NULL) + 10;
    while (attempt(r, v) != 0) {
        if (time(NULL) > give_up)
            return -1;
        sched_yield();
    }
    return 0;
}

static int push_it(struct ring *r, uint64_t *v)
{
    return ring_push(r, *v);
}

static void one_process_fills_and_empties_in_order(void **state)
{
    (void)state;
    struct ring r;
    ring_init(&r);
    uint64_t v = 0;
    assert_int_equal(ring_pop(&r, &v), -1); /* empty */
    for (uint64_t i = 0; i < RING_SLOTS; i++)
        assert_int_equal(ring_push(&r, 1000 + i), 0);
    assert_int_equal(ring_push(&r, 1), -1); /* full */
    for (uint64_t i = 0; i < RING_SLOTS / 2; i++) {
        assert_int_equal(ring_pop(&r, &v), 0);
        assert_int_equal(v, 1000 + i);
    }
    /* Round the end of the array: the slots are reused. */
    for (uint64_t i = 0; i < RING_SLOTS / 2; i++)
        assert_int_equal(ring_push(&r, 2000 + i), 0);
    assert_int_equal(ring_push(&r, 1), -1);
    for (uint64_t i = RING_SLOTS / 2; i < RING_SLOTS; i++) {
        assert_int_equal(ring_pop(&r, &v), 0);
        assert_int_equal(v, 1000 + i);
    }
    for (uint64_t i = 0; i < RING_SLOTS / 2; i++) {
        assert_int_equal(ring_pop(&r, &v), 0);
        assert_int_equal(v, 2000 + i);
    }
    assert_int_equal(ring_pop(&r, &v), -1);
}

static void a_producer_process_feeds_a_consumer(void **state)
{
    (void)state;
    struct ring *r = mmap(NULL, sizeof *r, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                          -1, 0);
    assert_true(r != MAP_FAILED);
    ring_init(r);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        for (uint64_t i = 1; i <= VALUES; i++) {
            uint64_t v = i * 7;
            if (patiently(push_it, r, &v) != 0)
                _exit(1); /* always full */
        }
        _exit(0);
    }
    uint64_t v;
    for (uint64_t i = 1; i <= VALUES; i++) {
        if (patiently(ring_pop, r, &v) != 0) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            fail_msg("value %llu never arrived", (unsigned long long)i);
        }
        if (v != i * 7)
            fail_msg("value %llu arrived as %llu", (unsigned long long)(i * 7),
                     (unsigned long long)v);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(ring_pop(r, &v), -1);
    munmap(r, sizeof *r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_process_fills_and_empties_in_order),
        cmocka_unit_test(a_producer_process_feeds_a_consumer),
    };
    return run_exercise_tests("exercise 7.2: A ring buffer between two processes", tests);
}
