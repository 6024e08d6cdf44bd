/* Grades exercise 4.1: file_memory() must find every mapping of a file by its
 * name, and its sums must show that Pss divides a page among its mappings. */
#define _GNU_SOURCE /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "file_pss.h"
#include "tmp.h"

enum { PAGES = 16 };

struct fixture {
    struct tmp tmp; /* first, so tmp_teardown can use the same pointer */
    char path[PATH_MAX];
    size_t size;
};

static int setup(void **state)
{
    void *t;
    if (tmp_setup(&t) != 0)
        return -1;
    struct fixture *f = calloc(1, sizeof *f);
    memcpy(&f->tmp, t, sizeof f->tmp);
    free(t);
    f->size = PAGES * (size_t)sysconf(_SC_PAGESIZE);
    char *bytes = malloc(f->size);
    memset(bytes, 'x', f->size);
    const char *p = tmp_path(&f->tmp, "data.bin");
    int rc = write_file(p, bytes, f->size);
    free(bytes);
    if (rc != 0 || realpath(p, f->path) == NULL)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    return tmp_teardown(state); /* frees the struct, whose first member is the tmp */
}

/* Map the file read-only and read every page, so every page is resident. */
static unsigned char *map_and_touch(const struct fixture *f)
{
    int fd = open(f->path, O_RDONLY);
    want_true(fd >= 0, "cannot open %s: %s", f->path, strerror(errno));
    unsigned char *p = mmap(NULL, f->size, PROT_READ, MAP_SHARED, fd, 0);
    want_true(p != MAP_FAILED, "the test cannot map %s: %s", f->path, strerror(errno));
    close(fd);
    const volatile unsigned char *touch = p; /* volatile: each read really happens */
    for (size_t i = 0; i < f->size; i += (size_t)sysconf(_SC_PAGESIZE))
        (void)touch[i];
    return p;
}

static void one_mapping_costs_the_whole_file(void **state)
{
    struct fixture *f = *state;
    unsigned char *p = map_and_touch(f);
    struct file_memory m;
    want_eq(file_memory(getpid(), f->path, &m), 0);
    want_eq(m.mappings, 1);
    want_eq(m.rss_kib, f->size / 1024);
    want_eq(m.pss_kib, f->size / 1024);
    munmap(p, f->size);
}

/* Two mappings in one process: Rss counts each page twice, Pss once. */
static void two_mappings_share_one_copy(void **state)
{
    struct fixture *f = *state;
    unsigned char *a = map_and_touch(f);
    unsigned char *b = map_and_touch(f);
    struct file_memory m;
    want_eq(file_memory(getpid(), f->path, &m), 0);
    want_eq(m.mappings, 2);
    want_eq(m.rss_kib, 2 * f->size / 1024);
    want_eq(m.pss_kib, f->size / 1024);
    munmap(a, f->size);
    munmap(b, f->size);
}

/* Another process maps it too: our one mapping now carries half. */
static void another_process_halves_our_pss(void **state)
{
    struct fixture *f = *state;
    int ready[2], done[2];
    want_eq(pipe(ready), 0);
    want_eq(pipe(done), 0);
    pid_t pid = fork();
    want_true(pid >= 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        close(ready[0]);
        close(done[1]);
        map_and_touch(f);
        char c = 1;
        if (write(ready[1], &c, 1) != 1) /* "I hold it" */
            _exit(1);
        (void)read(done[0], &c, 1); /* until the parent closes its end */
        _exit(0);
    }
    close(ready[1]);
    close(done[0]);
    char c;
    want_eq(read(ready[0], &c, 1), 1);
    unsigned char *p = map_and_touch(f);
    struct file_memory mine, theirs;
    want_eq(file_memory(getpid(), f->path, &mine), 0);
    want_eq(file_memory(pid, f->path, &theirs), 0);
    close(done[1]);
    close(ready[0]);
    want_eq(waitpid(pid, NULL, 0), pid);
    want_eq(mine.mappings, 1);
    want_eq(theirs.mappings, 1);
    want_eq(mine.pss_kib, f->size / 1024 / 2);
    want_eq(theirs.pss_kib, f->size / 1024 / 2);
    munmap(p, f->size);
}

static void only_the_exact_name_matches(void **state)
{
    struct fixture *f = *state;
    unsigned char *p = map_and_touch(f);
    struct file_memory m;
    char shorter[PATH_MAX];
    snprintf(shorter, sizeof shorter, "%s", f->path);
    shorter[strlen(shorter) - 1] = '\0';
    want_eq(file_memory(getpid(), shorter, &m), 0);
    want_eq(m.mappings, 0);
    want_eq(m.pss_kib, 0);
    munmap(p, f->size);
    want_eq(file_memory(getpid(), f->path, &m), 0);
    want_eq(m.mappings, 0);
    want_eq(m.rss_kib, 0);
}

static void a_process_that_is_gone_is_an_error(void **state)
{
    struct fixture *f = *state;
    pid_t pid = fork();
    want_true(pid >= 0, "fork: %s", strerror(errno));
    if (pid == 0)
        _exit(0);
    want_eq(waitpid(pid, NULL, 0), pid); /* reaped: its pid is free */
    struct file_memory m;
    errno = 0;
    want_eq(file_memory(pid, f->path, &m), -1);
    want_errno(ENOENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_mapping_costs_the_whole_file, setup, teardown),
        cmocka_unit_test_setup_teardown(two_mappings_share_one_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(another_process_halves_our_pss, setup, teardown),
        cmocka_unit_test_setup_teardown(only_the_exact_name_matches, setup, teardown),
        cmocka_unit_test_setup_teardown(a_process_that_is_gone_is_an_error, setup, teardown),
    };
    return run_exercise_tests("exercise 4.1: Pss by file name", tests);
}
