/* Chapter 8, end to end: pagecache as a reader runs it. What the chapter
 * claims and what the house rules demand: counts after eviction and after a
 * scan, the CSV header, a picture that parses, "unknown" rather than a lie
 * for a file mincore() will not tell this user about, a file that cannot be
 * evicted reported as such, one line and status 2 or 1 for bad input, and
 * status 1 with one line for a failed stdout or a file cut short mid-scan. */
#define _DEFAULT_SOURCE /* setgroups */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "hostile.h"
#include "run.h"
#include "tmp.h"
#include "xmlcheck.h"

enum { PAGES = 64 };

static size_t page(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

static const char *make_file(void **state)
{
    return tmp_random_file(*state, "data.bin", PAGES * page());
}

/* Drop the file's pages, as --cold does, but without the program under test. */
static void evict(const char *path)
{
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(fsync(fd), 0);
    assert_int_equal(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
    close(fd);
}

/* Whether the file has no page in the cache, asked by the test itself. */
static int is_cold(const char *path)
{
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    void *map = mmap(NULL, PAGES * page(), PROT_READ, MAP_SHARED, fd, 0);
    assert_true(map != MAP_FAILED);
    unsigned char vec[PAGES];
    assert_int_equal(mincore(map, PAGES * page(), vec), 0);
    int resident = 0;
    for (int i = 0; i < PAGES; i++)
        resident += vec[i] & 1;
    munmap(map, PAGES * page());
    close(fd);
    return resident == 0;
}

static void show_counts_nothing_after_eviction_and_everything_after_a_scan(void **state)
{
    const char *path = make_file(state);
    evict(path);
    if (!is_cold(path)) {
        print_message("skipped: this file system keeps files in memory; nothing can be evicted\n");
        skip();
    }
    struct run_result r;
    run(&r, NULL, "pagecache", "show", path, NULL);
    assert_exit(&r, 0);
    char want[512];
    snprintf(want, sizeof want, "%s: %d pages, ", path, PAGES);
    assert_contains(r.out, want);
    if (run_is_wrapped()) {
        /* valgrind reads the first pages of every file a program maps, to
         * look for debugging information: the count is not the file's own. */
        run_free(&r);
        run(&r, NULL, "pagecache", "scan", path, "--cold", "--csv", NULL);
        assert_exit(&r, 0);
        assert_contains(r.out, ",resident_after,ms\nsequential,normal,none,cold,64,64,");
        run_free(&r);
        return;
    }
    snprintf(want, sizeof want, "%s: %d pages, 0 resident (one cell = 1 pages)\n|", path, PAGES);
    assert_contains(r.out, want);
    assert_contains(r.out, "|................................................................|\n");
    run_free(&r);
    run(&r, NULL, "pagecache", "scan", path, "--csv", NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.err, "");
    char *row = strchr(r.out, '\n');
    assert_non_null(row);
    *row++ = '\0';
    assert_string_equal(r.out,
                        "order,advise,populate,cache,pages,touched,majflt,minflt,resident_after,ms");
    snprintf(want, sizeof want, "sequential,normal,none,cold,%d,%d,", PAGES, PAGES);
    assert_int_equal(strncmp(row, want, strlen(want)), 0);
    long majflt, minflt, resident;
    double ms;
    assert_int_equal(sscanf(row + strlen(want), "%ld,%ld,%ld,%lf", &majflt, &minflt, &resident,
                            &ms), 4);
    assert_int_equal(resident, PAGES);
    assert_true(majflt >= 1); /* the file was cold: at least one read */
    run_free(&r);
    run(&r, NULL, "pagecache", "show", path, NULL);
    snprintf(want, sizeof want, "%s: %d pages, %d resident", path, PAGES, PAGES);
    assert_contains(r.out, want);
    assert_contains(r.out, "|################################################################|\n");
    run_free(&r);
}

static void the_svg_has_a_row_per_snapshot_and_parses(void **state)
{
    const char *path = make_file(state);
    const char *svg = tmp_path(*state, "scan.svg");
    struct run_result r;
    run(&r, NULL, "pagecache", "scan", path, "--cold", "--every", "16", "--svg", svg, NULL);
    if (r.status == 1 && strstr(r.err, "cannot be evicted") != NULL) {
        run_free(&r);
        print_message("skipped: this file system keeps files in memory; nothing can be evicted\n");
        skip();
    }
    assert_exit(&r, 0);
    run_free(&r);
    size_t n;
    char *text = (char *)read_file(svg, &n);
    assert_non_null(text);
    char why[200] = "";
    if (xml_check(text, "svg", why, sizeof why) != 0)
        fail_msg("%s", why);
    /* Rows: before touching, then after 16, 32, 48 and 64 pages. */
    assert_contains(text, ">before touching</text>");
    assert_contains(text, ">64 touched</text>");
    assert_contains(text, ">16 touched</text>");
    size_t texts = 0;
    for (const char *p = text; (p = strstr(p, "<text ")) != NULL; p++)
        texts++;
    assert_int_equal(texts, 5 + 2); /* a label per row, the heading, the legend */
    free(text);
}

/* Run pagecache as the user nobody, capturing what it prints. */
static void run_as_nobody(struct run_result *r, const char *const argv[])
{
    int out[2], err[2];
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
            _exit(125);
        execv(BIN_DIR "/pagecache", (char *const *)argv);
        _exit(126);
    }
    close(out[1]);
    close(err[1]);
    static char obuf[4096], ebuf[4096];
    ssize_t no = read(out[0], obuf, sizeof obuf - 1), ne = read(err[0], ebuf, sizeof ebuf - 1);
    obuf[no > 0 ? no : 0] = ebuf[ne > 0 ? ne : 0] = '\0';
    close(out[0]);
    close(err[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    *r = (struct run_result){.exited = WIFEXITED(status), .status = WEXITSTATUS(status),
                             .out = obuf, .err = ebuf};
}

/* mincore() reports every page resident to a user who neither owns the file
 * nor may write it; pagecache must say "unknown", never "resident". */
static void a_file_of_another_user_has_unknown_residency(void **state)
{
    struct tmp *t = *state;
    if (geteuid() != 0) {
        print_message("skipped: run as root to see a file of another user; as root, the test "
                      "runs pagecache as nobody over a file root owns\n");
        skip();
    }
    assert_int_equal(chmod(t->dir, 0755), 0); /* nobody may enter, not write */
    const char *path = make_file(state);
    assert_int_equal(chmod(path, 0644), 0);
    evict(path);
    struct run_result r;
    const char *show[] = {"pagecache", "show", path, NULL};
    run_as_nobody(&r, show);
    if (r.status == 126)
        fail_msg("nobody cannot run %s/pagecache: %s", BIN_DIR, r.err);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "residency unknown: mincore() reports every page resident");
    assert_null(strstr(r.out, "resident (one cell"));
    const char *cold[] = {"pagecache", "scan", path, "--cold", NULL};
    run_as_nobody(&r, cold);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    assert_contains(r.err, "pagecache: ");
    assert_contains(r.err, ": --cold: cannot check the eviction: ");
    const char *scan[] = {"pagecache", "scan", path, NULL};
    run_as_nobody(&r, scan);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "resident at the end: unknown of 64 pages\n");
    assert_contains(r.out, "cache unknown before");
    assert_null(strstr(r.out, "residency while scanning")); /* no strips drawn */
    const char *csv[] = {"pagecache", "scan", path, "--csv", NULL};
    run_as_nobody(&r, csv);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "\nsequential,normal,none,unknown,64,64,"); /* the cache state */
    assert_non_null(strstr(strstr(r.out, ",64,64,"), ",unknown,")); /* and resident_after */
    const char *svg[] = {"pagecache", "scan", path, "--svg", "/dev/null", NULL};
    run_as_nobody(&r, svg);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "no picture: the residency of ");
}

static void a_file_in_memory_cannot_be_made_cold(void **state)
{
    (void)state;
    char path[] = "/dev/shm/mmf-test-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        print_message("skipped: no /dev/shm to make a file in: %s\n", strerror(errno));
        skip();
    }
    char bytes[8192] = {1};
    assert_int_equal(write(fd, bytes, sizeof bytes), (ssize_t)sizeof bytes);
    close(fd);
    char want[256];
    snprintf(want, sizeof want,
             "pagecache: %s: cannot be evicted: %zu of %zu pages still resident", path,
             sizeof bytes / page(), sizeof bytes / page());
    const char *commands[] = {"scan", "show"};
    for (int k = 0; k < 2; k++) {
        struct run_result r;
        run(&r, NULL, "pagecache", commands[k], path, "--cold", NULL);
        assert_one_line_error(&r, 1, want);
        run_free(&r);
    }
    unlink(path);
}

static void bad_input_is_one_line(void **state)
{
    const char *f = make_file(state);
    struct tmp *t = *state;
    expect_run_error(2, "pagecache: usage: a command (show or scan) and a FILE are needed", NULL,
                     "pagecache", NULL);
    expect_run_error(2, "pagecache: look: unknown command", NULL, "pagecache", "look", f, NULL);
    expect_run_error(2, "pagecache: extra: unexpected argument", NULL, "pagecache", "show", f,
                     "extra", NULL);
    expect_run_error(2, "pagecache: --order: 'zigzag': not sequential, random or stride:N", NULL,
                     "pagecache", "scan", f, "--order", "zigzag", NULL);
    expect_run_error(2, "pagecache: --order: 'stride:0'", NULL, "pagecache", "scan", f,
                     "--order=stride:0", NULL);
    expect_run_error(2, "pagecache: --advise: 'free'", NULL, "pagecache", "scan", f, "-a", "free",
                     NULL);
    expect_run_error(2, "pagecache: --populate: 'eager'", NULL, "pagecache", "scan", f,
                     "--populate", "eager", NULL);
    expect_run_error(2, "pagecache: --every: '0': must be at least 1", NULL, "pagecache", "scan",
                     f, "--every", "0", NULL);
    expect_run_error(2, "pagecache: --every: '1x'", NULL, "pagecache", "scan", f, "--every",
                     "1x", NULL);
    expect_run_error(2, "pagecache: --wait: '60001'", NULL, "pagecache", "scan", f, "--wait",
                     "60001", NULL);
    expect_run_error(2, "pagecache: --size: '0'", NULL, "pagecache", "show", f, "--size", "0",
                     NULL);
    expect_run_error(2, "pagecache: show: takes no scan options", NULL, "pagecache", "show", f,
                     "--every", "2", NULL);
    expect_run_error(2, "pagecache: -z: unknown option", NULL, "pagecache", "-z", "show", f,
                     NULL);
    expect_run_error(2, "pagecache: -o: needs an argument", NULL, "pagecache", "scan", f, "-o",
                     NULL);
    expect_run_error(1, "pagecache: /nonexistent: cannot open: No such file or directory", NULL,
                     "pagecache", "show", "/nonexistent", NULL);
    expect_run_error(1, "pagecache: ", NULL, "pagecache", "scan", t->dir, NULL);
    const char *empty = tmp_file(t, "empty", "", 0);
    expect_run_error(1, "pagecache: ", NULL, "pagecache", "show", empty, NULL);
    expect_run_error(1, "pagecache: /nonexistent/dir/out.svg: cannot create: ", NULL, "pagecache",
                     "scan", f, "--svg", "/nonexistent/dir/out.svg", NULL);
}

static void help_is_exit_zero(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "pagecache", "--help", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "usage: pagecache show FILE");
    assert_string_equal(r.err, "");
    run_free(&r);
}

static void size_creates_the_file_once(void **state)
{
    struct tmp *t = *state;
    const char *path = tmp_path(t, "sub/dir/made.bin");
    char copy[512];
    snprintf(copy, sizeof copy, "%s", path);
    struct run_result r;
    run(&r, NULL, "pagecache", "show", copy, "--size", "12K", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, ": 3 pages, ");
    run_free(&r);
    struct stat st;
    assert_int_equal(stat(copy, &st), 0);
    assert_int_equal(st.st_size, 12288);
    run(&r, NULL, "pagecache", "show", copy, "--size", "8K", NULL); /* exists: kept */
    assert_exit(&r, 0);
    run_free(&r);
    assert_int_equal(stat(copy, &st), 0);
    assert_int_equal(st.st_size, 12288);
}

static void a_failed_stdout_is_an_error(void **state)
{
    const char *f = make_file(state);
    struct run_result r;
    run_shell(&r, "pagecache scan '%s' --csv > /dev/full", f);
    assert_one_line_error(&r, 1, "pagecache: stdout: write error: No space left on device");
    run_free(&r);
    run_shell(&r, "pagecache show '%s' > /dev/full", f);
    assert_one_line_error(&r, 1, "pagecache: stdout: write error: No space left on device");
    run_free(&r);
    run_shell(&r, "pagecache --help > /dev/full");
    assert_one_line_error(&r, 1, "pagecache: stdout: write error: No space left on device");
    run_free(&r);
    run_shell(&r, "pagecache scan '%s' >&-", f);
    assert_one_line_error(&r, 1, "pagecache: stdout: write error: ");
    run_free(&r);
}

/* The file is cut to nothing right after the scan maps it (the second
 * mapping: the first only asks mincore() before the scan). Every way of
 * reaching the pages ends in one line and status 1, never in SIGBUS. */
static void a_file_cut_during_the_scan_is_one_line(void **state)
{
    struct tmp *t = *state;
    const char *how[] = {"", "--populate map", "--populate madvise", "--order random",
                         "--advise willneed"};
    for (size_t k = 0; k < sizeof how / sizeof how[0]; k++) {
        const char *f = make_file(state);
        struct run_result r;
        run_shell(&r, "MMF_SHRINK_TO=0 MMF_SHRINK_AT=2 LD_PRELOAD=$SHRINK pagecache scan '%s' %s",
                  f, how[k]);
        char want[512];
        snprintf(want, sizeof want, "pagecache: %s: the file shrank while being scanned: page ",
                 f);
        assert_one_line_error(&r, 1, want);
        run_free(&r);
        struct stat st;
        assert_int_equal(stat(f, &st), 0);
        assert_int_equal(st.st_size, 0); /* the cut did happen */
        assert_int_equal(unlink(tmp_path(t, "data.bin")), 0);
    }
}

/* Cut to two pages instead: whichever way the pages are reached, the line
 * names page 2, the first one past the new end. MADV_POPULATE_READ's EFAULT
 * does not say where it failed, so the page comes from the file's new size. */
static void a_file_cut_short_names_the_first_page_past_its_end(void **state)
{
    struct tmp *t = *state;
    const char *how[] = {"", "--populate map", "--populate madvise"};
    for (size_t k = 0; k < sizeof how / sizeof how[0]; k++) {
        const char *f = make_file(state);
        struct run_result r;
        run_shell(&r,
                  "MMF_SHRINK_TO=%zu MMF_SHRINK_AT=2 LD_PRELOAD=$SHRINK pagecache scan '%s' %s",
                  2 * page(), f, how[k]);
        char want[512];
        snprintf(want, sizeof want,
                 "pagecache: %s: the file shrank while being scanned: page 2 is past its end", f);
        assert_one_line_error(&r, 1, want);
        run_free(&r);
        assert_int_equal(unlink(tmp_path(t, "data.bin")), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            show_counts_nothing_after_eviction_and_everything_after_a_scan, tmp_setup,
            tmp_teardown),
        cmocka_unit_test_setup_teardown(the_svg_has_a_row_per_snapshot_and_parses, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_file_of_another_user_has_unknown_residency, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test(a_file_in_memory_cannot_be_made_cold),
        cmocka_unit_test_setup_teardown(bad_input_is_one_line, tmp_setup, tmp_teardown),
        cmocka_unit_test(help_is_exit_zero),
        cmocka_unit_test_setup_teardown(size_creates_the_file_once, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_failed_stdout_is_an_error, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_file_cut_during_the_scan_is_one_line, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_file_cut_short_names_the_first_page_past_its_end,
                                        tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("chapter 8: pagecache end to end", tests, NULL, NULL);
}
