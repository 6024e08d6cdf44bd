/* Chapter 4, unit tests: sharemap's own functions, reached by including its
 * source. The per-mapping Pss, the smaps parser, the checksum, and the error
 * paths (a worker that fails, a fork that fails) with fault injection. */
#define main sharemap_main
#include "code/ch04-sharing/sharemap.c"
#undef main

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "fault.h"
#include "tmp.h"

#define MIB (1024 * 1024)

static int setup(void **state)
{
    signal(SIGPIPE, SIG_IGN); /* as sharemap's main does */
    return tmp_setup(state);
}

static const char *make_file(void **state, size_t size)
{
    const char *path = tmp_path(*state, "data.bin");
    assert_int_equal(create_random_file(path, size), 0);
    return path;
}

static struct config quiet_config(const char *path, unsigned procs, FILE *sink)
{
    struct config c = {path, procs, 0, MODE_MMAP, WRITER_NONE, 0, 0, sink};
    return c;
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
        assert_int_equal(run_round(&c, MODE_MMAP, size, w), 0);
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
    assert_int_equal(run_round(&c, MODE_READ, size, w), 0);
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
    assert_int_equal(run_round(&c, MODE_MMAP, MIB, w), -1);
    fault_clear();
    for (int i = 0; i < 3; i++) {
        assert_true(w[i].failed);
        assert_string_equal(w[i].why, "mmap: Cannot allocate memory");
    }
    assert_no_children_left();

    fault_inject("pread", EIO, 0);
    assert_int_equal(run_round(&c, MODE_READ, MIB, w), -1);
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
    assert_int_equal(run_round(&c, MODE_MMAP, MIB, w), -1);
    assert_int_equal(fault_calls("fork"), 3);
    fault_clear();
    assert_true(w[0].pid > 0 && w[1].pid > 0);
    assert_int_equal(w[2].pid, 0);
    assert_no_children_left();
    for (int i = 0; i < 2; i++)
        assert_int_equal(kill(w[i].pid, 0) == -1 && errno == ESRCH, 1);
    fclose(sink);
}

static void smaps_lines_are_added_by_key(void **state)
{
    (void)state;
    struct memory m = {0};
    add_field("Rss:                1756 kB\n", &m);
    add_field("Pss:                 358 kB\n", &m);
    add_field("Pss_Anon:            100 kB\n", &m);
    add_field("Private_Clean:        12 kB\n", &m);
    add_field("Private_Dirty:        30 kB\n", &m);
    add_field("Shared_Clean:        999 kB\n", &m);
    add_field("VmFlags: rd ex mr mw me\n", &m);
    add_field("555e4d0e8000-7ffd37342000 ---p 00000000 00:00 0      [rollup]\n", &m);
    assert_int_equal(m.rss_kib, 1756);
    assert_int_equal(m.pss_kib, 358);
    assert_int_equal(m.private_kib, 42);
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
        cmocka_unit_test(smaps_lines_are_added_by_key),
        cmocka_unit_test(the_smaps_entry_holding_an_address_is_found),
        cmocka_unit_test(checksum_reads_every_byte),
    };
    return cmocka_run_group_tests_name("chapter 4: sharemap units", tests, NULL, NULL);
}
