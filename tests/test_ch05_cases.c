/* Chapter 5, unit tests: each of mapfail's probes, run in a child the way
 * mapfail runs it, must give the errno or the signal the chapter states.
 * The expected outcomes are written out here a second time, on purpose: a
 * change to mapfail's table must also convince this file. */
#define main mapfail_main
#include "code/ch05-failures/mapfail.c"
#undef main

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "tmp.h"

struct stated {
    const char *label;
    enum outcome_kind kind;
    int value;
};

/* What the kernel does, measured on Linux 6.x, x86_64, ext4 (see DESIGN.md). */
static const struct stated stated[] = {
    {"pipe", OUT_ERRNO, ENODEV},
    {"tty", OUT_ERRNO, ENODEV},
    {"special/devnull", OUT_ERRNO, ENODEV},
    {"special/proc", OUT_ERRNO, ENODEV},
    {"directory", OUT_ERRNO, ENODEV},
    {"empty/length-0", OUT_ERRNO, EINVAL},
    {"empty/touch", OUT_SIGNAL, SIGBUS},
    {"unaligned-offset", OUT_ERRNO, EINVAL},
    {"write-on-readonly/shared", OUT_ERRNO, EACCES},
    {"write-on-readonly/private", OUT_SUCCESS, 0},
    {"address-space/rlimit", OUT_ERRNO, ENOMEM},
    {"address-space/sparse", OUT_SUCCESS, 0},
    {"truncated/touch", OUT_SIGNAL, SIGBUS},
    {"truncated/guarded", OUT_ERRNO, EFAULT},
    {"past-end/mapping", OUT_SIGNAL, SIGSEGV},
    {"past-end/page-tail", OUT_SUCCESS, 0},
    {"past-end/whole-page", OUT_SIGNAL, SIGBUS},
};

static const struct failure_case *find_case(const char *label)
{
    for (size_t i = 0; i < CASE_COUNT; i++) {
        char name[64];
        case_label(&cases[i], name, sizeof name);
        if (strcmp(name, label) == 0)
            return &cases[i];
    }
    fail_msg("mapfail has no case %s", label);
    return NULL;
}

static void table_states_what_this_file_states(void **state)
{
    (void)state;
    assert_int_equal(CASE_COUNT, sizeof stated / sizeof stated[0]);
    for (size_t i = 0; i < CASE_COUNT; i++) {
        char name[64];
        case_label(&cases[i], name, sizeof name);
        assert_string_equal(name, stated[i].label);
        assert_int_equal(cases[i].expected.kind, stated[i].kind);
        assert_int_equal(cases[i].expected.value, stated[i].value);
    }
}

/* One test per row, so a failure names the case. */
static void observe(void **state, const char *label)
{
    struct tmp *t = *state;
    const struct failure_case *c = find_case(label);
    struct outcome seen = run_in_child(c, t->dir);
    const struct stated *s = NULL;
    for (size_t i = 0; i < CASE_COUNT; i++)
        if (strcmp(stated[i].label, label) == 0)
            s = &stated[i];
    assert_non_null(s);
    char text[160];
    describe(&seen, text, sizeof text);
    if (seen.kind != s->kind || seen.value != s->value)
        fail_msg("%s: observed %s", label, text);
}

#define CASE_TEST(fn, label) \
    static void fn(void **state) { observe(state, label); }
CASE_TEST(pipe_gives_enodev, "pipe")
CASE_TEST(tty_gives_enodev, "tty")
CASE_TEST(dev_null_gives_enodev, "special/devnull")
CASE_TEST(proc_file_gives_enodev, "special/proc")
CASE_TEST(directory_gives_enodev, "directory")
CASE_TEST(length_0_gives_einval, "empty/length-0")
CASE_TEST(touching_an_empty_file_raises_sigbus, "empty/touch")
CASE_TEST(unaligned_offset_gives_einval, "unaligned-offset")
CASE_TEST(shared_write_on_readonly_gives_eacces, "write-on-readonly/shared")
CASE_TEST(private_write_on_readonly_succeeds, "write-on-readonly/private")
CASE_TEST(lowered_rlimit_as_gives_enomem, "address-space/rlimit")
CASE_TEST(sparse_terabyte_maps, "address-space/sparse")
CASE_TEST(truncated_file_raises_sigbus, "truncated/touch")
CASE_TEST(guarded_read_turns_it_into_efault, "truncated/guarded")
CASE_TEST(past_the_mapping_raises_sigsegv, "past-end/mapping")
CASE_TEST(page_tail_reads_zero, "past-end/page-tail")
CASE_TEST(whole_page_past_eof_raises_sigbus, "past-end/whole-page")

/* The success rows say what they saw; a wrong detail is a wrong lesson. */
static void success_rows_report_what_they_saw(void **state)
{
    struct tmp *t = *state;
    struct outcome o = run_in_child(find_case("write-on-readonly/private"), t->dir);
    assert_string_equal(o.detail, "stored 'J', file still 'h'");
    o = run_in_child(find_case("past-end/page-tail"), t->dir);
    char want[64];
    snprintf(want, sizeof want, "byte %ld reads 0", sysconf(_SC_PAGESIZE) - 1);
    assert_string_equal(o.detail, want);
    o = run_in_child(find_case("address-space/sparse"), t->dir);
    assert_true(strncmp(o.detail, "1024 GiB mapped, RAM ", 21) == 0);
    assert_null(strstr(o.detail, "NOT"));
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
    struct failure_case c = *find_case("truncated/touch");
    c.probe = probe_quiet;
    struct outcome seen = run_in_child(&c, t->dir);
    assert_false(outcome_matches(&seen, &c.expected));
    char text[160];
    describe(&seen, text, sizeof text);
    assert_string_equal(text, "success: read 0, no signal");
    c.probe = probe_silent;
    seen = run_in_child(&c, t->dir);
    assert_int_equal(seen.kind, OUT_BROKEN);
    describe(&seen, text, sizeof text);
    assert_string_equal(text, "broken: the child said nothing");
}

static void names_and_messages(void **state)
{
    (void)state;
    char text[160];
    struct outcome o = failed(ENODEV);
    describe(&o, text, sizeof text);
    assert_string_equal(text, "ENODEV (No such device)");
    o = (struct outcome){OUT_SIGNAL, SIGBUS, ""};
    describe(&o, text, sizeof text);
    assert_string_equal(text, "SIGBUS (Bus error)");
    assert_string_equal(outcome_name(&o), "SIGBUS");
    o = broken("setrlimit", EPERM);
    describe(&o, text, sizeof text);
    assert_string_equal(text, "broken: setrlimit: Operation not permitted");
    assert_string_equal(errno_name(EACCES), "EACCES");
    assert_string_equal(errno_name(12345), "errno");
    assert_string_equal(signal_name(SIGSEGV), "SIGSEGV");
    assert_string_equal(signal_name(SIGUSR1), "signal");
}

static void names_select_cases_or_rows(void **state)
{
    (void)state;
    const struct failure_case *touch = find_case("empty/touch");
    assert_true(case_selected(touch, "empty"));
    assert_true(case_selected(touch, "empty/touch"));
    assert_false(case_selected(touch, "empty/length-0"));
    assert_false(case_selected(touch, "emp"));
    assert_true(name_known("past-end"));
    assert_false(name_known("past-end/"));
    assert_false(name_known(""));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(table_states_what_this_file_states),
        T(pipe_gives_enodev),
        T(tty_gives_enodev),
        T(dev_null_gives_enodev),
        T(proc_file_gives_enodev),
        T(directory_gives_enodev),
        T(length_0_gives_einval),
        T(touching_an_empty_file_raises_sigbus),
        T(unaligned_offset_gives_einval),
        T(shared_write_on_readonly_gives_eacces),
        T(private_write_on_readonly_succeeds),
        T(lowered_rlimit_as_gives_enomem),
        T(sparse_terabyte_maps),
        T(truncated_file_raises_sigbus),
        T(guarded_read_turns_it_into_efault),
        T(past_the_mapping_raises_sigsegv),
        T(page_tail_reads_zero),
        T(whole_page_past_eof_raises_sigbus),
        T(success_rows_report_what_they_saw),
        T(a_missing_signal_is_a_mismatch),
        T(names_and_messages),
        T(names_select_cases_or_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
