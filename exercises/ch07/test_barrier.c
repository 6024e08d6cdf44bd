/* Grades exercise 7.1: N processes meet at a barrier, round after round,
 * and none leaves a round before the slowest has arrived. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "barrier.h"

#define PROCS 4
#define ROUNDS 200

struct shared {
    struct proc_barrier barrier;
    _Atomic unsigned round_of[PROCS]; /* the round each process has reached */
};

static void nap_ms(long ms)
{
    struct timespec t = {0, ms * 1000000L};
    nanosleep(&t, NULL);
}

/* One process: each round, announce it, meet the others, and check that
 * nobody is behind; meet again, so nobody runs ahead before all checked.
 * Process 0 is slow to start: a barrier that does not wait is caught at once. */
static int participant(struct shared *s, unsigned me)
{
    alarm(20); /* a barrier that never opens must fail, not hang */
    if (me == 0)
        nap_ms(100);
    for (unsigned round = 1; round <= ROUNDS; round++) {
        atomic_store(&s->round_of[me], round);
        barrier_wait(&s->barrier);
        for (unsigned p = 0; p < PROCS; p++)
            if (atomic_load(&s->round_of[p]) < round)
                return 10 + (int)p;
        barrier_wait(&s->barrier);
    }
    return 0;
}

static void four_processes_meet_every_round(void **state)
{
    (void)state;
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                            -1, 0);
    assert_true(s != MAP_FAILED);
    memset(s, 0, sizeof *s);
    barrier_init(&s->barrier, PROCS);
    pid_t pids[PROCS];
    for (unsigned i = 0; i < PROCS; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0)
            _exit(participant(s, i));
    }
    int bad = 0;
    for (unsigned i = 0; i < PROCS; i++) {
        int status;
        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        if (WIFSIGNALED(status)) {
            print_error("process %u was killed by signal %d (a barrier that never opened?)\n", i,
                        WTERMSIG(status));
            bad = 1;
        } else if (WEXITSTATUS(status) != 0) {
            print_error("process %u left a round before process %d had arrived\n", i,
                        WEXITSTATUS(status) - 10);
            bad = 1;
        }
    }
    assert_int_equal(atomic_load(&s->barrier.generation), 2 * ROUNDS);
    munmap(s, sizeof *s);
    assert_false(bad);
}

/* A barrier for one is a formality, but it still counts the rounds. */
static void a_barrier_for_one_never_waits(void **state)
{
    (void)state;
    struct proc_barrier b;
    barrier_init(&b, 1);
    for (int i = 0; i < 3; i++)
        barrier_wait(&b);
    assert_int_equal(atomic_load(&b.generation), 3);
    assert_int_equal(atomic_load(&b.arrived), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_barrier_for_one_never_waits),
        cmocka_unit_test(four_processes_meet_every_round),
    };
    return run_exercise_tests("exercise 7.1: A barrier for N processes", tests);
}
