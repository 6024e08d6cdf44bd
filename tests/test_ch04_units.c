/* Chapter 4, unit tests: sharemap's modules, through their headers. The
 * per-mapping Pss, the smaps parser, the checksum, the guard around a
 * worker's reads, and the error paths (a worker that fails, a fork that
 * fails) with fault injection. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "round.h"
#include "smaps.h"
#include "worker.h"
#include "workers.h"

#include "guard.h"
#include "mapping.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fault.h"
#include "tmp.h"

#define MIB (1024 * 1024)

static int setup(void **state)
{
    return tmp_setup(state);
}

static const char *make_file(void **state, size_t size)
{
    return tmp_random_file(*state, "data.bin", size);
}

static struct config quiet_config(const char *path, unsigned procs, FILE *sink)
{
    return (struct config){.path = path, .procs = procs, .mode = MODE_MMAP, .out = sink};
}

/* One round, as sharemap's main runs it. */
static int round_of(const struct config *c, enum mode mode, size_t size, struct worker *w)
{
    struct round r = {.mode = mode, .size = size, .w = w};
    return run_round(c, &r);
}

static void assert_no_children_left(void)
{
    errno = 0;
    assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
    assert_int_equal(errno, ECHILD);
}

/* The chapter's central claim: N processes mapping the same file each carry
 * 1/N of it, because Pss divides every shared page among its mappers. */
static void each_mapping_pss_is_near_size_over_n(void **state)
{
    size_t size = 16 * MIB;
    const char *path = make_file(state, size);
    FILE *sink = fopen("/dev/null", "w");
    assert_non_null(sink);
    const unsigned counts[] = {1, 2, 4};
    for (int k = 0; k < 3; k++) {
        unsigned n = counts[k];
        struct config c = quiet_config(path, n, sink);
        struct worker w[4];
        assert_int_equal(round_of(&c, MODE_MMAP, size, w), 0);
        double expected = (double)size / 1024 / n;
        for (unsigned i = 0; i < n; i++) {
            double pss = (double)w[i].data.pss_kib;
            print_message("N=%u worker %u: mapping Pss %.0f KiB, size/N %.0f KiB\n", n, i, pss,
                          expected);
            assert_true(pss >= expected * 0.9 && pss <= expected * 1.1);
            assert_int_equal(w[i].data.rss_kib, size / 1024);
            assert_int_equal(w[i].data.private_kib, n == 1 ? size / 1024 : 0);
        }
        assert_no_children_left();
    }
    fclose(sink);
}

static void read_mode_data_is_all_private(void **state)
{
    size_t size = 4 * MIB;
    const char *path = make_file(state, size);
    FILE *sink = fopen("/dev/null", "w");
    struct config c = quiet_config(path, 2, sink);
    struct worker w[2];
    assert_int_equal(round_of(&c, MODE_READ, size, w), 0);
    for (int i = 0; i < 2; i++) {
        assert_true(w[i].data.private_kib >= size / 1024);
        assert_true(w[i].data.pss_kib >= size / 1024);
        assert_true(w[i].note.checksum == w[0].note.checksum);
    }
    assert_no_children_left();
    fclose(sink);
}

/* A worker whose mmap fails says why; every worker is still reaped. */
static void a_failing_worker_is_reported_and_all_are_reaped(void **state)
{
    const char *path = make_file(state, MIB);
    FILE *sink = fopen("/dev/null", "w");
    struct config c = quiet_config(path, 3, sink);
    struct worker w[3];
    fault_clear();
    fault_inject("mmap", ENOMEM, 0); /* each child inherits the armed fault */
    assert_int_equal(round_of(&c, MODE_MMAP, MIB, w), -1);
    fault_clear();
    for (int i = 0; i < 3; i++) {
        assert_true(w[i].failed);
        assert_string_equal(w[i].why, "mmap: Cannot allocate memory");
    }
    assert_no_children_left();

    fault_inject("pread", EIO, 0);
    assert_int_equal(round_of(&c, MODE_READ, MIB, w), -1);
    fault_clear();
    assert_string_equal(w[0].why, "pread: Input/output error");
    assert_no_children_left();
    fclose(sink);
}

/* fork fails for the third worker: the two already started are reaped. */
static void a_failed_fork_reaps_the_workers_already_started(void **state)
{
    const char *path = make_file(state, MIB);
    FILE *sink = fopen("/dev/null", "w");
    struct config c = quiet_config(path, 4, sink);
    struct worker w[4];
    fault_clear();
    fault_inject("fork", EAGAIN, 2);
    assert_int_equal(round_of(&c, MODE_MMAP, MIB, w), -1);
    assert_int_equal(fault_calls("fork"), 3);
    fault_clear();
    assert_true(w[0].pid > 0 && w[1].pid > 0);
    assert_int_equal(w[2].pid, 0);
    assert_no_children_left();
    for (int i = 0; i < 2; i++)
        assert_int_equal(kill(w[i].pid, 0) == -1 && errno == ESRCH, 1);
    fclose(sink);
}

/* The page cache holds one copy of the file whatever the workers do; read
 * mode adds one copy per worker (anonymous memory), mmap mode none. */
static void copies_count_the_page_cache_and_each_workers_own(void **state)
{
    size_t size = 4 * MIB;
    const char *path = make_file(state, size);
    FILE *sink = fopen("/dev/null", "w");
    assert_non_null(sink);
    struct config c = quiet_config(path, 2, sink);
    struct worker w[2];
    struct round r = {.mode = MODE_READ, .size = size, .w = w};
    assert_int_equal(run_round(&c, &r), 0);
    assert_int_equal(r.cache_known, 1);
    assert_int_equal(r.cache_kib, size / 1024);
    print_message("read, N=2: %.3f copies\n", copies_in_memory(&r));
    assert_true(copies_in_memory(&r) >= 3.0 && copies_in_memory(&r) < 3.05);
    r = (struct round){.mode = MODE_MMAP, .size = size, .w = w};
    assert_int_equal(run_round(&c, &r), 0);
    assert_int_equal(r.cache_kib, size / 1024);
    assert_true(copies_in_memory(&r) == 1.0);
    assert_no_children_left();
    fclose(sink);
}

/* A MAP_PRIVATE writer that stores the byte already there still gets its own
 * copy of every page, stops mapping the page cache's, and leaves those to the
 * readers, who split them among themselves: the chapter's arithmetic. */
static void a_private_writer_leaves_the_cache_pages_to_the_readers(void **state)
{
    size_t size = 4 * MIB;
    const char *path = make_file(state, size);
    FILE *sink = fopen("/dev/null", "w");
    assert_non_null(sink);
    struct config c = quiet_config(path, 3, sink);
    c.writer = WRITER_PRIVATE;
    struct worker w[3];
    struct round r = {.mode = MODE_MMAP, .size = size, .w = w};
    assert_int_equal(run_round(&c, &r), 0);
    const unsigned long long file_kib = size / 1024;
    print_message("writer: data private %llu, anon %llu KiB; readers: data Pss %llu, %llu KiB\n",
                  w[0].data.private_kib, w[0].data.anon_kib, w[1].data.pss_kib,
                  w[2].data.pss_kib);
    assert_int_equal(w[0].data.private_kib, file_kib); /* every page copied... */
    assert_int_equal(w[0].data.anon_kib, file_kib);    /* ...into memory of its own */
    assert_int_equal(w[0].data.pss_kib, file_kib);
    for (int i = 1; i < 3; i++) {
        assert_int_equal(w[i].data.private_kib, 0);
        /* two readers share each cache page, a half each (smaps rounds) */
        assert_true(w[i].data.pss_kib >= file_kib / 2 - 4 && w[i].data.pss_kib <= file_kib / 2 + 4);
        assert_int_equal(w[i].note.checksum, w[0].note.checksum);
    }
    /* two copies in memory: the page cache's and the writer's */
    assert_true(copies_in_memory(&r) >= 2.0 && copies_in_memory(&r) < 2.01);
    assert_no_children_left();
    fclose(sink);
}

/* A file truncated under a worker's mapping: its reads and stores past the
 * new end raise SIGBUS, which the guard turns into a failed note. */
static void a_truncated_mapping_is_an_error_not_a_signal(void **state)
{
    const char *path = make_file(state, MIB);
    struct holding h;
    struct note n = {0};
    assert_int_equal(hold_file(path, MODE_MMAP, WRITER_SHARED, &h, &n), 0);
    assert_int_equal(truncate(path, (off_t)page_size()), 0);
    unsigned long faults = guarded_faults();
    assert_int_equal(checksum_holding(&h, &n), -1);
    assert_int_equal(guarded_faults(), faults + 1);
    char expected[96];
    snprintf(expected, sizeof expected, "checksum: SIGBUS at offset %zu: ", page_size());
    assert_true(strncmp(n.why, expected, strlen(expected)) == 0);
    n = (struct note){0};
    assert_int_equal(store_into_holding(&h, 1, &n), -1);
    snprintf(expected, sizeof expected, "store: SIGBUS at offset %zu: ", page_size());
    assert_true(strncmp(n.why, expected, strlen(expected)) == 0);
    release_holding(&h);
    assert_null(h.data);
}

/* A worker killed by a signal, before or after its note: the parent names
 * the signal, instead of "ended without reporting". */
static void a_worker_killed_by_sigbus_is_named(void **state)
{
    const char *path = make_file(state, 16 * MIB);
    FILE *sink = fopen("/dev/null", "w");
    assert_non_null(sink);
    struct config c = quiet_config(path, 1, sink);
    struct worker w[1] = {{0}};
    /* The worker must meet SIGBUS as sharemap's would, not with cmocka's handler. */
    struct sigaction plain = {.sa_handler = SIG_DFL}, cmocka;
    sigemptyset(&plain.sa_mask);
    assert_int_equal(sigaction(SIGBUS, &plain, &cmocka), 0);
    unsigned started = start_workers(&c, MODE_MMAP, w);
    assert_int_equal(sigaction(SIGBUS, &cmocka, NULL), 0);
    assert_int_equal(started, 1);
    assert_int_equal(kill(w[0].pid, SIGBUS), 0);
    collect_notes(w, 0, 1);
    assert_int_equal(stop_workers(w, 1), -1);
    assert_string_equal(w[0].why, "killed by SIGBUS");
    assert_no_children_left();
    fclose(sink);
}

static void smaps_lines_are_added_by_key(void **state)
{
    (void)state;
    struct memory m = {0};
    smaps_add_field("Rss:                1756 kB\n", &m);
    smaps_add_field("Pss:                 358 kB\n", &m);
    smaps_add_field("Pss_Anon:            100 kB\n", &m);
    smaps_add_field("Private_Clean:        12 kB\n", &m);
    smaps_add_field("Private_Dirty:        30 kB\n", &m);
    smaps_add_field("Anonymous:            25 kB\n", &m);
    smaps_add_field("AnonHugePages:       999 kB\n", &m);
    smaps_add_field("Shared_Clean:        999 kB\n", &m);
    smaps_add_field("VmFlags: rd ex mr mw me\n", &m);
    smaps_add_field("555e4d0e8000-7ffd37342000 ---p 00000000 00:00 0      [rollup]\n", &m);
    assert_int_equal(m.rss_kib, 1756);
    assert_int_equal(m.pss_kib, 358);
    assert_int_equal(m.private_kib, 42);
    assert_int_equal(m.anon_kib, 25);
}

/* Our own anonymous mapping, touched page by page, is found in our smaps. */
static void the_smaps_entry_holding_an_address_is_found(void **state)
{
    (void)state;
    size_t len = 64 * page_size();
    unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    assert_true(p != MAP_FAILED);
    memset(p, 1, len);
    struct memory m;
    assert_int_equal(read_smaps(getpid(), "smaps", (uintptr_t)(p + len / 2), &m), 0);
    /* >=: the kernel may merge our mapping with an anonymous neighbour */
    assert_true(m.rss_kib >= len / 1024);
    assert_true(m.private_kib >= len / 1024);
    struct memory all;
    assert_int_equal(read_smaps(getpid(), "smaps_rollup", (uintptr_t)p, &all), 0);
    assert_true(all.rss_kib >= m.rss_kib && all.private_kib >= m.private_kib);
    assert_int_equal(munmap(p, len), 0);
    assert_int_equal(read_smaps(getpid(), "smaps", (uintptr_t)p, &m), -1);
    assert_int_equal(errno, ENOENT);
}

static void checksum_reads_every_byte(void **state)
{
    (void)state;
    unsigned char bytes[37] = {0};
    uint64_t zero = checksum(bytes, sizeof bytes);
    for (size_t i = 0; i < sizeof bytes; i++) {
        bytes[i] = 1;
        assert_true(checksum(bytes, sizeof bytes) != zero);
        bytes[i] = 0;
    }
    assert_true(checksum(bytes, sizeof bytes) == zero);
    assert_true(checksum(bytes, 0) == UINT64_C(14695981039346656037));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(each_mapping_pss_is_near_size_over_n, setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(read_mode_data_is_all_private, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_failing_worker_is_reported_and_all_are_reaped, setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_failed_fork_reaps_the_workers_already_started, setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_private_writer_leaves_the_cache_pages_to_the_readers,
                                        setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(copies_count_the_page_cache_and_each_workers_own, setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_truncated_mapping_is_an_error_not_a_signal, setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_worker_killed_by_sigbus_is_named, setup, tmp_teardown),
        cmocka_unit_test(smaps_lines_are_added_by_key),
        cmocka_unit_test(the_smaps_entry_holding_an_address_is_found),
        cmocka_unit_test(checksum_reads_every_byte),
    };
    return cmocka_run_group_tests_name("chapter 4: sharemap units", tests, NULL, NULL);
}
