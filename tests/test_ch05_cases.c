/* Chapter 5, unit tests: each of mapfail's probes, run in a child the way
 * mapfail runs it, must give the errno or the signal the chapter states.
 * The expected outcomes are written out here a second time, on purpose: a
 * change to mapfail's table must also convince this file. Cases are found
 * by their labels, never by their place in the table. */
#include "cases.h"
#include "mapping.h"
#include "outcome.h"
#include "overcommit.h"
#include "probes.h"
#include "runner.h"

#include <dirent.h>
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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tmp.h"

struct stated {
    const char *label;
    struct outcome expected;
};

#define E(l, err) {.label = (l), .expected = {.kind = OUT_ERRNO, .value = (err)}}
#define S(l, sig) {.label = (l), .expected = {.kind = OUT_SIGNAL, .value = (sig)}}
#define OK(l) {.label = (l), .expected = {.kind = OUT_SUCCESS}}

/* What the kernel does, measured on Linux 6.18, x86_64, ext4, 4 KiB pages: the
 * same outcomes chapter 5 states and lib/cases.c expects. */
static const struct stated stated[] = {
    E("pipe", ENODEV),
    E("tty", ENODEV),
    E("special/devnull", ENODEV),
    E("special/proc-self", ENODEV),
    E("special/proc-cpuinfo", EIO),
    E("directory", ENODEV),
    E("empty/length-0", EINVAL),
    S("empty/touch", SIGBUS),
    E("unaligned-offset", EINVAL),
    E("write-on-readonly/shared", EACCES),
    OK("write-on-readonly/private"),
    E("address-space/rlimit", ENOMEM),
    OK("address-space/sparse"),
    E("commit/private", ENOMEM),
    OK("commit/noreserve"),
    S("truncated/touch", SIGBUS),
    E("truncated/guarded", EFAULT),
    S("past-end/mapping", SIGSEGV),
    OK("past-end/page-tail"),
    S("past-end/whole-page", SIGBUS),
    OK("past-end/grown"),
};
enum { STATED = sizeof stated / sizeof stated[0] };

static const struct failure_case *case_named(const char *label)
{
    const struct failure_case *c = find_case(label);
    if (c == NULL)
        fail_msg("mapfail has no case %s", label);
    return c;
}

static const struct stated *stated_for(const char *label)
{
    for (size_t i = 0; i < STATED; i++)
        if (strcmp(stated[i].label, label) == 0)
            return &stated[i];
    fail_msg("this file states nothing about %s", label);
    return NULL;
}

/* Every row of the table is stated here, and every statement is in the table. */
static void table_states_what_this_file_states(void **state)
{
    (void)state;
    assert_int_equal(case_count(), STATED);
    for (size_t i = 0; i < case_count(); i++) {
        char label[64];
        case_label(case_at(i), label, sizeof label);
        const struct stated *s = stated_for(label);
        assert_true(outcome_matches(&case_at(i)->expected, &s->expected));
    }
    for (size_t i = 0; i < STATED; i++)
        assert_non_null(case_named(stated[i].label));
    assert_null(case_at(case_count()));
}

/* One test per row, so a failure names the case. */
static void observe(void **state, const char *label)
{
    struct tmp *t = *state;
    struct outcome seen = run_case(case_named(label), t->dir);
    const struct stated *s = stated_for(label);
    char text[160];
    describe(&seen, text, sizeof text);
    if (!outcome_matches(&seen, &s->expected))
        fail_msg("%s: observed %s", label, text);
}

#define CASE_TEST(fn, label) \
    static void fn(void **state) { observe(state, label); }
CASE_TEST(pipe_gives_enodev, "pipe")
CASE_TEST(tty_gives_enodev, "tty")
CASE_TEST(dev_null_gives_enodev, "special/devnull")
CASE_TEST(proc_self_file_gives_enodev, "special/proc-self")
CASE_TEST(proc_cpuinfo_gives_eio, "special/proc-cpuinfo")
CASE_TEST(directory_gives_enodev, "directory")
CASE_TEST(length_0_gives_einval, "empty/length-0")
CASE_TEST(touching_an_empty_file_raises_sigbus, "empty/touch")
CASE_TEST(unaligned_offset_gives_einval, "unaligned-offset")
CASE_TEST(shared_write_on_readonly_gives_eacces, "write-on-readonly/shared")
CASE_TEST(private_write_on_readonly_succeeds, "write-on-readonly/private")
CASE_TEST(lowered_rlimit_as_gives_enomem, "address-space/rlimit")
CASE_TEST(sparse_big_file_maps, "address-space/sparse")
CASE_TEST(truncated_file_raises_sigbus, "truncated/touch")
CASE_TEST(guarded_read_turns_it_into_efault, "truncated/guarded")
CASE_TEST(past_the_mapping_raises_sigsegv, "past-end/mapping")
CASE_TEST(page_tail_reads_zero, "past-end/page-tail")
CASE_TEST(whole_page_past_eof_raises_sigbus, "past-end/whole-page")
CASE_TEST(a_page_past_eof_reads_once_the_file_grows, "past-end/grown")

/* The commit rows follow vm.overcommit_memory; what each policy answers,
 * written out again: [policy][0] for commit/private, [1] for commit/noreserve. */
static const struct outcome commit_stated[3][2] = {
    {{.kind = OUT_ERRNO, .value = ENOMEM}, {.kind = OUT_SUCCESS}}, /* 0: heuristic */
    {{.kind = OUT_SUCCESS}, {.kind = OUT_SUCCESS}},                /* 1: always */
    {{.kind = OUT_ERRNO, .value = ENOMEM}, {.kind = OUT_ERRNO, .value = ENOMEM}}, /* 2: never */
};

static void observe_commit(void **state, const char *label, int row)
{
    struct tmp *t = *state;
    int policy = overcommit_mode();
    assert_in_range(policy, 0, 2);
    struct outcome seen = run_case(case_named(label), t->dir);
    char text[160];
    describe(&seen, text, sizeof text);
    if (!outcome_matches(&seen, &commit_stated[policy][row]))
        fail_msg("%s under vm.overcommit_memory = %d: observed %s", label, policy, text);
}

static void private_writable_big_file_follows_the_policy(void **state)
{
    observe_commit(state, "commit/private", 0);
}

static void noreserve_big_file_follows_the_policy(void **state)
{
    observe_commit(state, "commit/noreserve", 1);
}

/* Each policy's answer, whatever this machine's is; an unreadable policy is
 * taken as the default. Every other row expects the same under any policy. */
static void commit_expectations_follow_each_policy(void **state)
{
    (void)state;
    const struct failure_case *private_row = case_named("commit/private");
    const struct failure_case *noreserve_row = case_named("commit/noreserve");
    for (int policy = 0; policy <= 2; policy++) {
        struct outcome o = case_expected(private_row, policy);
        assert_true(outcome_matches(&o, &commit_stated[policy][0]));
        o = case_expected(noreserve_row, policy);
        assert_true(outcome_matches(&o, &commit_stated[policy][1]));
        for (size_t i = 0; i < case_count(); i++) {
            const struct failure_case *c = case_at(i);
            o = case_expected(c, policy);
            if (c != private_row && c != noreserve_row)
                assert_true(outcome_matches(&o, &c->expected));
        }
    }
    struct outcome o = case_expected(private_row, OVERCOMMIT_UNKNOWN);
    assert_true(outcome_matches(&o, &commit_stated[0][0]));
    o = case_expected(private_row, 0); /* the table's own column is policy 0's */
    assert_true(outcome_matches(&o, &private_row->expected));
    o = case_expected(noreserve_row, 0);
    assert_true(outcome_matches(&o, &noreserve_row->expected));
}

#define GIB ((uint64_t)1 << 30)
#define TIB ((uint64_t)1 << 40)

/* A machine's /proc/meminfo, as far as the commit cases read it (in KiB). */
static struct memory_facts machine(uint64_t ram, uint64_t swap, uint64_t commit_limit, int policy)
{
    char text[512];
    snprintf(text, sizeof text,
             "MemTotal:       %llu kB\nMemFree:         1234 kB\nSwapTotal:      %llu kB\n"
             "SwapFree:       %llu kB\nCommitLimit:    %llu kB\nCommitted_AS:    5678 kB\n",
             (unsigned long long)(ram / 1024), (unsigned long long)(swap / 1024),
             (unsigned long long)(swap / 1024), (unsigned long long)(commit_limit / 1024));
    struct memory_facts m;
    assert_int_equal(memory_facts_parse(text, policy, &m), 0);
    assert_true(m.ram == ram / 1024 * 1024 && m.swap == swap / 1024 * 1024
                && m.commit_limit == commit_limit / 1024 * 1024);
    assert_int_equal(m.policy, policy);
    return m;
}

/* The file is 1 TiB where that outdoes RAM and swap, and otherwise the next
 * whole TiB above both (and above CommitLimit): the kernel refuses only a
 * request larger than its limit. */
static void big_file_outdoes_ram_and_swap(void **state)
{
    (void)state;
    struct memory_facts m = machine(23 * GIB, 0, 11 * GIB, 0); /* the author's */
    assert_true(big_file_size(&m) == TIB);
    m = machine(2 * TIB, 0, 1 * TIB, 0);
    assert_true(big_file_size(&m) == 3 * TIB);
    m = machine(1 * TIB, 0, TIB / 2, 1); /* exactly 1 TiB is not more than 1 TiB */
    assert_true(big_file_size(&m) == 2 * TIB);
    m = machine(TIB - 4 * GIB, 2 * GIB, TIB / 2, 0);
    assert_true(big_file_size(&m) == TIB);
    m = machine(3 * TIB / 2, 1 * TIB, 2 * TIB, 0);
    assert_true(big_file_size(&m) == 3 * TIB);
    m = machine(2 * TIB, 64 * GIB, 5 * TIB, 2); /* overcommit_ratio raised to 250 */
    assert_true(big_file_size(&m) == 6 * TIB);
    for (uint64_t ram = 1 * GIB; ram < 20 * TIB; ram = ram * 3 / 2 + 7 * 4096) {
        m = machine(ram, ram / 3, ram / 2 + ram / 3, 0); /* counted in KiB */
        uint64_t size = big_file_size(&m);
        assert_true(size >= TIB && size % TIB == 0);
        assert_true(size > m.ram + m.swap && size > m.commit_limit);
        assert_true(size - TIB <= m.ram + m.swap); /* no larger than it must be */
    }
}

/* Where no whole TiB within 32 TiB outdoes RAM and swap, there is no size. */
static void big_file_stays_well_inside_the_address_space(void **state)
{
    (void)state;
    struct memory_facts m = machine(31 * TIB, TIB / 2, 16 * TIB, 0);
    assert_true(big_file_size(&m) == 32 * TIB);
    m = machine(31 * TIB, 1 * TIB, 16 * TIB, 0);
    assert_true(big_file_size(&m) == 0);
    m = machine(100 * TIB, 0, 50 * TIB, 1);
    assert_true(big_file_size(&m) == 0);
    m = machine(1 * TIB, 0, 40 * TIB, 2);
    assert_true(big_file_size(&m) == 0);
}

static void meminfo_must_name_what_the_kernel_counts(void **state)
{
    (void)state;
    struct memory_facts m;
    assert_int_equal(memory_facts_parse("MemTotal: 100 kB\nSwapTotal: 0 kB\n", 0, &m), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(memory_facts_parse("", 0, &m), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(memory_facts_parse("MemTotal: 99999999999999999999 kB\nSwapTotal: 0 kB\n"
                                        "CommitLimit: 1 kB\n", 0, &m), -1);
    assert_int_equal(errno, ERANGE);
    /* SwapFree: is not SwapTotal:, nor MemTotalX: MemTotal: */
    assert_int_equal(memory_facts_parse("MemTotalX: 5 kB\nMemTotal: 8 kB\nSwapFree: 3 kB\n"
                                        "SwapTotal: 4 kB\nCommitLimit: 6 kB", 1, &m), 0);
    assert_true(m.ram == 8192 && m.swap == 4096 && m.commit_limit == 6144);
    assert_true(memory_facts_read(&m) == 0 && m.ram > 0);
    assert_int_equal(m.policy, overcommit_mode());
}

/* The chapter names more /proc files than the table has rows for. */
static struct outcome map_path(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return broken("open", errno);
    struct outcome o = map_readonly(fd, 4096, 0);
    close(fd);
    return o;
}

static void other_proc_self_files_give_enodev(void **state)
{
    (void)state;
    static const char *const paths[] = {"/proc/self/maps", "/proc/self/pagemap",
                                        "/proc/self/mem"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct outcome o = map_path(paths[i]);
        char text[160];
        describe(&o, text, sizeof text);
        if (o.kind != OUT_ERRNO || o.value != ENODEV)
            fail_msg("%s: %s", paths[i], text);
    }
}

/* A PCI device's /proc file has a size and an mmap of its own: whatever it
 * answers (EPERM without CAP_SYS_RAWIO or on a locked-down kernel), it is
 * neither the ENODEV nor the EIO of a file with no mmap at all. */
static void a_pci_device_file_has_a_size_and_its_own_mmap(void **state)
{
    (void)state;
    DIR *bus = opendir("/proc/bus/pci/00");
    if (bus == NULL) {
        print_message("skipped: no /proc/bus/pci/00 on this machine\n");
        skip();
    }
    char path[512] = "";
    struct dirent *e;
    while ((e = readdir(bus)) != NULL && path[0] == '\0')
        if (e->d_name[0] != '.')
            snprintf(path, sizeof path, "/proc/bus/pci/00/%s", e->d_name);
    closedir(bus);
    if (path[0] == '\0') {
        print_message("skipped: /proc/bus/pci/00 is empty\n");
        skip();
    }
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_true(st.st_size == 256 || st.st_size == 4096);
    struct outcome o = map_path(path);
    char text[160];
    describe(&o, text, sizeof text);
    if (o.kind == OUT_ERRNO && (o.value == ENODEV || o.value == EIO))
        fail_msg("%s: %s", path, text);
}

/* The success rows say what they saw; a wrong detail is a wrong lesson. */
static void success_rows_report_what_they_saw(void **state)
{
    struct tmp *t = *state;
    struct outcome o = run_case(case_named("write-on-readonly/private"), t->dir);
    assert_string_equal(o.detail, "stored 'J', file still 'h'");
    o = run_case(case_named("past-end/page-tail"), t->dir);
    char want[64];
    snprintf(want, sizeof want, "byte %zu reads 0", page_size() - 1);
    assert_string_equal(o.detail, want);
    o = run_case(case_named("address-space/sparse"), t->dir);
    struct memory_facts m;
    assert_int_equal(memory_facts_read(&m), 0);
    snprintf(want, sizeof want, "%llu GiB mapped, RAM %llu GiB",
             (unsigned long long)(big_file_size(&m) >> 30), (unsigned long long)(m.ram >> 30));
    assert_string_equal(o.detail, want);
    o = run_case(case_named("past-end/grown"), t->dir);
    assert_string_equal(o.detail, "SIGBUS, grown, then read 0");
}

/* A probe that neither fails nor faults is reported as a plain success, so
 * a kernel that stopped raising SIGBUS would show up as a MISMATCH. */
static struct outcome probe_quiet(const char *dir)
{
    (void)dir;
    return success("read 0, no signal");
}

static struct outcome probe_silent(const char *dir)
{
    (void)dir;
    _exit(0); /* a child that dies without a report */
}

static void a_missing_signal_is_a_mismatch(void **state)
{
    struct tmp *t = *state;
    struct failure_case c = *case_named("truncated/touch");
    c.probe = probe_quiet;
    struct outcome seen = run_case(&c, t->dir);
    assert_false(outcome_matches(&seen, &c.expected));
    char text[160];
    describe(&seen, text, sizeof text);
    assert_string_equal(text, "success: read 0, no signal");
    c.probe = probe_silent;
    seen = run_case(&c, t->dir);
    assert_int_equal(seen.kind, OUT_BROKEN);
    describe(&seen, text, sizeof text);
    assert_string_equal(text, "broken: the child said nothing");
}

/* The child takes SIGINT at its default action even while the parent holds
 * it back: an interrupted probe dies, and the parent still reaps it. */
static struct outcome interrupt_self(void *arg)
{
    (void)arg;
    raise(SIGINT);
    return success("SIGINT did not end the child");
}

static void a_child_ends_on_sigint_and_is_reaped(void **state)
{
    (void)state;
    struct outcome seen = run_isolated(interrupt_self, NULL);
    assert_int_equal(seen.kind, OUT_SIGNAL);
    assert_int_equal(seen.value, SIGINT);
}

static void names_and_messages(void **state)
{
    (void)state;
    char text[160];
    struct outcome o = failed(ENODEV);
    describe(&o, text, sizeof text);
    assert_string_equal(text, "ENODEV (No such device)");
    o = killed_by(SIGBUS);
    describe(&o, text, sizeof text);
    assert_string_equal(text, "SIGBUS (Bus error)");
    assert_string_equal(outcome_name(&o), "SIGBUS");
    o = broken("setrlimit", EPERM);
    describe(&o, text, sizeof text);
    assert_string_equal(text, "broken: setrlimit: Operation not permitted");
    assert_string_equal(errno_name(EACCES), "EACCES");
    assert_string_equal(errno_name(EIO), "EIO");
    assert_string_equal(errno_name(12345), "errno");
    assert_string_equal(signal_name(SIGSEGV), "SIGSEGV");
    assert_string_equal(signal_name(SIGUSR1), "signal");
}

static void names_select_cases_or_rows(void **state)
{
    (void)state;
    const struct failure_case *touch_row = case_named("empty/touch");
    assert_true(case_selected(touch_row, "empty"));
    assert_true(case_selected(touch_row, "empty/touch"));
    assert_false(case_selected(touch_row, "empty/length-0"));
    assert_false(case_selected(touch_row, "emp"));
    assert_true(name_known("past-end"));
    assert_false(name_known("past-end/"));
    assert_false(name_known(""));
    assert_null(find_case("empty"));   /* a case with rows is not a row */
    assert_null(find_case("nothing"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(table_states_what_this_file_states),
        T(pipe_gives_enodev),
        T(tty_gives_enodev),
        T(dev_null_gives_enodev),
        T(proc_self_file_gives_enodev),
        T(proc_cpuinfo_gives_eio),
        T(directory_gives_enodev),
        T(length_0_gives_einval),
        T(touching_an_empty_file_raises_sigbus),
        T(unaligned_offset_gives_einval),
        T(shared_write_on_readonly_gives_eacces),
        T(private_write_on_readonly_succeeds),
        T(lowered_rlimit_as_gives_enomem),
        T(sparse_big_file_maps),
        T(private_writable_big_file_follows_the_policy),
        T(noreserve_big_file_follows_the_policy),
        T(commit_expectations_follow_each_policy),
        T(big_file_outdoes_ram_and_swap),
        T(big_file_stays_well_inside_the_address_space),
        T(meminfo_must_name_what_the_kernel_counts),
        T(truncated_file_raises_sigbus),
        T(guarded_read_turns_it_into_efault),
        T(past_the_mapping_raises_sigsegv),
        T(page_tail_reads_zero),
        T(whole_page_past_eof_raises_sigbus),
        T(a_page_past_eof_reads_once_the_file_grows),
        T(other_proc_self_files_give_enodev),
        T(a_pci_device_file_has_a_size_and_its_own_mmap),
        T(success_rows_report_what_they_saw),
        T(a_missing_signal_is_a_mismatch),
        T(a_child_ends_on_sigint_and_is_reaped),
        T(names_and_messages),
        T(names_select_cases_or_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
