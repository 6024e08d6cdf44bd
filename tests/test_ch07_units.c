/* Chapter 7's modules, one by one: the robust mutex with its holder killed,
 * the seals on a memfd, the backings shared across fork(), /proc/self/maps,
 * the median, and the workers' statuses. */
#define _GNU_SOURCE /* F_GET_SEALS, F_SEAL_* */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "backing.h"
#include "counter.h"
#include "maps.h"
#include "measure.h"
#include "probe.h"
#include "workers.h"

static struct shared_region region;

static int make_region(void **state)
{
    (void)state;
    const char *step;
    if (shared_create(BACKING_ANON, 4096, &region, &step) != 0)
        return -1;
    return counter_init(region.addr) == 0 ? 0 : -1;
}

static int drop_region(void **state)
{
    (void)state;
    counter_destroy(region.addr);
    return shared_destroy(&region);
}

/* A child that locks the mutex, then dies as @how says. */
static void die_holding_the_lock(struct shared_counter *c, int how)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (counter_lock(c) != 0)
            _exit(3);
        if (how == SIGKILL)
            raise(SIGKILL);
        _exit(0); /* exiting is dying too: the lock is not released */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (how == SIGKILL)
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    else
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* The next locker, in a child with an alarm: a mutex that is not robust
 * would block it for ever, and the alarm turns that into a failure. */
static int add_in_child(void *arg)
{
    alarm(10);
    return counter_add(arg, SYNC_MUTEX, 10) == 0 ? 0 : 4;
}

static void a_dead_holder_is_repaired(int how)
{
    struct shared_counter *c = region.addr;
    counter_reset(c);
    die_holding_the_lock(c, how);
    char seen[80];
    assert_int_equal(probe_in_child(add_in_child, c, seen, sizeof seen), 0);
    assert_string_equal(seen, "no signal");
    assert_int_equal(atomic_load(&c->repairs), 1);
    assert_int_equal(counter_value(c, SYNC_MUTEX), 10);
    /* Consistent again: the next lock is an ordinary one. */
    assert_int_equal(counter_add(c, SYNC_MUTEX, 5), 0);
    assert_int_equal(atomic_load(&c->repairs), 1);
    assert_int_equal(counter_value(c, SYNC_MUTEX), 15);
}

static void a_holder_killed_by_sigkill_is_repaired(void **state)
{
    (void)state;
    a_dead_holder_is_repaired(SIGKILL);
}

static void a_holder_that_exits_is_repaired(void **state)
{
    (void)state;
    a_dead_holder_is_repaired(0);
}

static void atomic_and_mutex_count_every_increment(void **state)
{
    (void)state;
    struct shared_counter *c = region.addr;
    counter_reset(c);
    assert_int_equal(counter_add(c, SYNC_ATOMIC, 1000), 0);
    assert_int_equal(counter_add(c, SYNC_MUTEX, 700), 0);
    assert_int_equal(counter_add(c, SYNC_NONE, 300), 0);
    assert_int_equal(counter_value(c, SYNC_ATOMIC), 1000);
    assert_int_equal(counter_value(c, SYNC_MUTEX), 1000); /* mutex and none share `plain` */
}

/* Each backing is shared across fork(): a child's store is the parent's. */
static void each_backing_is_shared_across_fork(void **state)
{
    (void)state;
    for (int k = BACKING_ANON; k <= BACKING_SHM; k++) {
        struct shared_region r;
        const char *step;
        assert_int_equal(shared_create((enum backing_kind)k, 4096, &r, &step), 0);
        assert_true((k == BACKING_ANON) == (r.fd < 0));
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            memcpy(r.addr, "seen", 5);
            _exit(0);
        }
        assert_int_equal(waitpid(pid, NULL, 0), pid);
        assert_string_equal(r.addr, "seen");
        assert_int_equal(shared_destroy(&r), 0);
        assert_int_equal(r.fd, -1);
    }
}

/* The memfd is sealed against shrinking and growing, and against new seals. */
static void the_memfd_refuses_ftruncate_with_eperm(void **state)
{
    (void)state;
    struct shared_region r;
    const char *step;
    assert_int_equal(shared_create(BACKING_MEMFD, 4096, &r, &step), 0);
    assert_int_equal(fcntl(r.fd, F_GET_SEALS), F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL);
    errno = 0;
    assert_int_equal(ftruncate(r.fd, 0), -1);
    assert_int_equal(errno, EPERM);
    errno = 0;
    assert_int_equal(ftruncate(r.fd, 8192), -1);
    assert_int_equal(errno, EPERM);
    errno = 0;
    assert_int_equal(fcntl(r.fd, F_ADD_SEALS, F_SEAL_WRITE), -1);
    assert_int_equal(errno, EPERM); /* F_SEAL_SEAL: no more seals */
    ((char *)r.addr)[4095] = 1;     /* and the whole page is still there */
    assert_int_equal(shared_destroy(&r), 0);
}

static void the_shm_object_has_no_name_once_mapped(void **state)
{
    (void)state;
    struct shared_region r;
    const char *step;
    assert_int_equal(shared_create(BACKING_SHM, 4096, &r, &step), 0);
    char name[64];
    snprintf(name, sizeof name, "/dev/shm/shmcount-%ld", (long)getpid());
    assert_int_equal(access(name, F_OK), -1);
    assert_int_equal(errno, ENOENT);
    struct maps_entry e;
    assert_int_equal(maps_find(r.addr, &e), 1);
    assert_string_equal(e.perms, "rw-s");
    char deleted[96];
    snprintf(deleted, sizeof deleted, "%s (deleted)", name);
    assert_string_equal(e.path, deleted);
    assert_int_equal(shared_destroy(&r), 0);
}

static void maps_finds_a_mapping_and_forgets_it_when_unmapped(void **state)
{
    (void)state;
    char *p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(p != MAP_FAILED);
    struct maps_entry e;
    assert_int_equal(maps_find(p + 4096, &e), 1);
    assert_true(e.start <= (uintptr_t)p && e.end >= (uintptr_t)p + 8192);
    assert_string_equal(e.perms, "r--p");
    assert_string_equal(e.path, "");
    munmap(p, 8192);
    assert_int_equal(maps_find(p, &e), 0);
}

static void the_median_of_odd_and_even_counts(void **state)
{
    (void)state;
    double odd[] = {5, 1, 9, 3, 7};
    assert_true(median(odd, 5) == 5);
    double even[] = {4, 1, 3, 2};
    assert_true(median(even, 4) == 2.5);
    double one[] = {42};
    assert_true(median(one, 1) == 42);
}

static void names_parse_both_ways_and_unknown_ones_are_refused(void **state)
{
    (void)state;
    static const char *const syncs[] = {"none", "atomic", "mutex"};
    for (int i = 0; i < 3; i++) {
        enum sync_mode m;
        assert_int_equal(sync_parse(syncs[i], &m), 0);
        assert_string_equal(sync_name(m), syncs[i]);
    }
    static const char *const backings[] = {"anon", "memfd", "shm"};
    for (int i = 0; i < 3; i++) {
        enum backing_kind k;
        assert_int_equal(backing_parse(backings[i], &k), 0);
        assert_string_equal(backing_name(k), backings[i]);
    }
    enum sync_mode m;
    enum backing_kind k;
    assert_int_equal(sync_parse("all", &m), -1);
    assert_int_equal(sync_parse("Mutex", &m), -1);
    assert_int_equal(backing_parse("", &k), -1);
}

static int exit_with_index(void *arg, unsigned index)
{
    (void)arg;
    if (index == 2)
        raise(SIGKILL);
    return (int)index + 10;
}

static void every_worker_is_reaped_with_its_status(void **state)
{
    (void)state;
    int statuses[4];
    double elapsed = -1;
    assert_int_equal(workers_run(4, exit_with_index, NULL, statuses, &elapsed), 0);
    for (int i = 0; i < 4; i++) {
        if (i == 2) {
            assert_true(WIFSIGNALED(statuses[i]) && WTERMSIG(statuses[i]) == SIGKILL);
        } else {
            assert_true(WIFEXITED(statuses[i]));
            assert_int_equal(WEXITSTATUS(statuses[i]), i + 10);
        }
    }
    assert_true(elapsed >= 0);
    errno = 0;
    assert_int_equal(waitpid(-1, NULL, WNOHANG), -1); /* nothing left to reap */
    assert_int_equal(errno, ECHILD);
    assert_int_equal(workers_run(0, exit_with_index, NULL, statuses, &elapsed), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(workers_run(WORKERS_MAX + 1, exit_with_index, NULL, statuses, &elapsed), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_holder_killed_by_sigkill_is_repaired, make_region,
                                        drop_region),
        cmocka_unit_test_setup_teardown(a_holder_that_exits_is_repaired, make_region, drop_region),
        cmocka_unit_test_setup_teardown(atomic_and_mutex_count_every_increment, make_region,
                                        drop_region),
        cmocka_unit_test(each_backing_is_shared_across_fork),
        cmocka_unit_test(the_memfd_refuses_ftruncate_with_eperm),
        cmocka_unit_test(the_shm_object_has_no_name_once_mapped),
        cmocka_unit_test(maps_finds_a_mapping_and_forgets_it_when_unmapped),
        cmocka_unit_test(the_median_of_odd_and_even_counts),
        cmocka_unit_test(names_parse_both_ways_and_unknown_ones_are_refused),
        cmocka_unit_test(every_worker_is_reaped_with_its_status),
    };
    return cmocka_run_group_tests_name("chapter 7: modules", tests, NULL, NULL);
}
