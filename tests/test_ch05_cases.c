/* Chapter 5, unit tests: each of mapfail's probes, run in a child the way
 * mapfail runs it, must give the errno or the signal the chapter states.
 * The expected outcomes are written out here a second time, on purpose: a
 * change to mapfail's table must also convince this file. Cases are found
 * by their labels, never by their place in the table. */
#include "cases.h"
#include "mapping.h"
#include "outcome.h"
#include "probes.h"
#include "runner.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
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
CASE_TEST(sparse_terabyte_maps, "address-space/sparse")
CASE_TEST(truncated_file_raises_sigbus, "truncated/touch")
CASE_TEST(guarded_read_turns_it_into_efault, "truncated/guarded")
CASE_TEST(past_the_mapping_raises_sigsegv, "past-end/mapping")
CASE_TEST(page_tail_reads_zero, "past-end/page-tail")
CASE_TEST(whole_page_past_eof_raises_sigbus, "past-end/whole-page")
CASE_TEST(a_page_past_eof_reads_once_the_file_grows, "past-end/grown")

/* The commit cases hold under the default policy (vm.overcommit_memory = 0). */
static void private_writable_terabyte_gives_enomem(void **state)
{
    if (overcommit_mode() != 0) {
        print_message("skipped: vm.overcommit_memory is not 0\n");
        skip();
    }
    observe(state, "commit/private");
}

static void noreserve_terabyte_maps(void **state)
{
    if (overcommit_mode() != 0) {
        print_message("skipped: vm.overcommit_memory is not 0\n");
        skip();
    }
    observe(state, "commit/noreserve");
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
    assert_true(strncmp(o.detail, "1024 GiB mapped, RAM ", 21) == 0);
    assert_null(strstr(o.detail, "NOT"));
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
        T(sparse_terabyte_maps),
        T(private_writable_terabyte_gives_enomem),
        T(noreserve_terabyte_maps),
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
