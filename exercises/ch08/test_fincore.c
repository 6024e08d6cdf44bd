/* Grades exercise 8.1: fincore() must count each file's resident pages
 * without bringing any in, carry on past files it cannot ask, leave out of
 * the totals what mincore() will not tell truly, and clean up. */
#define _GNU_SOURCE /* setgroups */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "fault.h"
#include "fincore.h"
#include "tmp.h"

enum { PAGES = 64 };

static size_t page(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

/* A file of @pages pages, dropped from the cache; then @read pages read. */
static const char *make_file(struct tmp *t, const char *name, size_t pages, size_t read)
{
    char path[300];
    snprintf(path, sizeof path, "%s", tmp_random_file(t, name, pages * page()));
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    want_eq(fsync(fd), 0);
    want_eq(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
    char *buf = malloc(page());
    for (size_t i = 0; i < read; i++)
        want_eq(pread(fd, buf, page(), (off_t)(i * page())), (ssize_t)page());
    free(buf);
    close(fd);
    return tmp_path(t, name);
}

static void several_files_are_counted_one_by_one(void **state)
{
    struct tmp *t = *state;
    char cold[300], hot[300], part[300];
    snprintf(cold, sizeof cold, "%s", make_file(t, "cold", PAGES, 0));
    snprintf(hot, sizeof hot, "%s", make_file(t, "hot", PAGES / 2, PAGES / 2));
    snprintf(part, sizeof part, "%s", make_file(t, "part", PAGES, 8));
    const char *paths[] = {cold, hot, part};
    struct file_residency r[3];
    size_t pages = 0, resident = 0;
    want_eq(fincore(paths, 3, r, &pages, &resident), 3);
    if (r[0].resident != 0) {
        print_message("skipped: this file system keeps files in memory; nothing can be evicted\n");
        skip();
    }
    for (int i = 0; i < 3; i++) {
        want_eq(r[i].error, 0);
        want_eq(r[i].known, 1);
    }
    want_eq(r[0].pages, PAGES);
    want_eq(r[1].pages, PAGES / 2);
    want_eq(r[1].resident, PAGES / 2);
    want_ge(r[2].resident, 8); /* readahead may bring in more */
    want_eq(pages, PAGES + PAGES / 2 + PAGES);
    want_eq(resident, r[1].resident + r[2].resident);
    /* Asking brought nothing in: the cold file is still cold. */
    want_eq(fincore(paths, 1, r, &pages, &resident), 1);
    want_eq(r[0].resident, 0);
}

static void files_that_cannot_be_asked_get_their_error(void **state)
{
    struct tmp *t = *state;
    char hot[300], empty[300], absent[300];
    snprintf(hot, sizeof hot, "%s", make_file(t, "hot", 4, 4));
    snprintf(empty, sizeof empty, "%s", tmp_file(t, "empty", "", 0));
    snprintf(absent, sizeof absent, "%s", tmp_path(t, "absent"));
    const char *paths[] = {absent, t->dir, empty, hot};
    struct file_residency r[4];
    size_t pages = 9, resident = 9;
    want_eq(fincore(paths, 4, r, &pages, &resident), 2);
    want_eq(r[0].error, ENOENT);
    want_eq(r[1].error, EINVAL); /* a directory */
    want_eq(r[2].error, 0);      /* empty: nothing to count, not an error */
    want_eq(r[2].pages, 0);
    want_eq(r[3].error, 0);
    want_eq(r[3].resident, 4);
    want_eq(pages, 4);
    want_eq(resident, 4);
    want_eq(fincore(paths, 0, r, &pages, &resident), 0);
    want_eq(pages, 0);
}

static void everything_is_unmapped_and_closed(void **state)
{
    struct tmp *t = *state;
    char a[300], b[300];
    snprintf(a, sizeof a, "%s", make_file(t, "a", 4, 1));
    snprintf(b, sizeof b, "%s", make_file(t, "b", 4, 1));
    const char *paths[] = {a, t->dir, b};
    struct file_residency r[3];
    size_t pages, resident;
    fault_clear();
    fincore(paths, 3, r, &pages, &resident);
    want_eq(fault_calls("open"), 3);
    want_eq(fault_calls("close"), 3);
    want_eq(fault_calls("mmap"), fault_calls("munmap"));
    /* A failing mincore() is that file's error, and its mapping is still undone. */
    fault_clear();
    fault_inject("mincore", ENOMEM, 0);
    want_eq(fincore(paths, 1, r, &pages, &resident), 0);
    want_eq(r[0].error, ENOMEM);
    want_eq(fault_calls("mmap"), fault_calls("munmap"));
    want_eq(fault_calls("close"), 1);
    fault_clear();
}

/* As the user nobody, a file root owns (0644) cannot be asked truly: known = 0,
 * and the file stays out of the totals. */
static void another_users_file_is_unknown(void **state)
{
    struct tmp *t = *state;
    if (geteuid() != 0) {
        print_message("skipped: needs root, to look at a file as the user nobody\n");
        skip();
    }
    want_eq(chmod(t->dir, 0755), 0);
    char path[300];
    snprintf(path, sizeof path, "%s", make_file(t, "root-owned", 8, 0));
    want_eq(chmod(path, 0644), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
            _exit(10);
        const char *paths[] = {path};
        struct file_residency r[1];
        size_t pages = 9, resident = 9;
        if (fincore(paths, 1, r, &pages, &resident) != 1 || r[0].error != 0)
            _exit(11);
        if (r[0].known != 0)
            _exit(12); /* mincore() said every page was resident, and it was believed */
        _exit(pages == 0 && resident == 0 && r[0].pages == 8 ? 0 : 13);
    }
    int status;
    want_eq(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    int code = WEXITSTATUS(status);
    want_true(code != 11, "as nobody: fincore() did not ask the root-owned file without error");
    want_true(code != 12, "as nobody: known is 1, but mincore() reports every page resident to "
                          "a user who neither owns the file nor may write it");
    want_true(code != 13, "as nobody: an unknown file must count 8 pages, and stay out of the "
                          "totals (0 and 0)");
    want_eq(code, 0);
}

static int setup(void **state)
{
    fault_clear();
    return tmp_setup(state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(several_files_are_counted_one_by_one, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(files_that_cannot_be_asked_get_their_error, setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(everything_is_unmapped_and_closed, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(another_users_file_is_unknown, setup, tmp_teardown),
    };
    return run_exercise_tests("exercise 8.1: the page cache of several files", tests);
}
