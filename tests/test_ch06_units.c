/* Chapter 6, unit tests: the log's format, the two ways to grow, the three
 * ways to follow, the commit order, and every system call's failure (fault
 * injection), each leaving the log as it was. */
#include "check.h"
#include "checksum.h"
#include "commit.h"
#include "format.h"
#include "grow.h"
#include "list.h"
#include "log.h"
#include "remap.h"

#include "fileio.h"
#include "mapping.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fault.h"
#include "tmp.h"

/* The committed length as the file holds it, read with pread(), not the mapping. */
static uint64_t committed_on_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    struct log_header h;
    assert_int_equal(pread_full(fd, &h, sizeof h, 0), (ssize_t)sizeof h);
    close(fd);
    return h.committed;
}

static struct log_settings settings(const char *grow, const char *remap, const char *sync)
{
    struct log_settings s = log_defaults;
    assert_int_equal(grow_parse(grow, &s.grow), 0);
    assert_int_equal(remap_parse(remap, &s.remap), 0);
    assert_int_equal(sync_parse(sync, &s.sync), 0);
    s.chunk = page_size();
    return s;
}

/* A log holding the records "one" and "two", committed. */
static const char *two_records(void **state, const struct log_settings *s)
{
    const char *path = tmp_path(*state, "log");
    struct log log;
    assert_int_equal(log_open(&log, path, 1, 1, s), 0);
    assert_int_equal(log_append(&log, "one", 3), 0);
    assert_int_equal(log_append(&log, "two", 3), 0);
    assert_int_equal(log_commit(&log), 0);
    assert_int_equal(log_close(&log), 0);
    return path;
}

/* The log of two_records(), open for writing, "three" appended but not committed. */
static const char *three_appended(void **state, const struct log_settings *s, struct log *log)
{
    const char *path = two_records(state, s);
    assert_int_equal(log_open(log, path, 1, 0, s), 0);
    assert_int_equal(log_append(log, "three", 5), 0);
    return path;
}

static void crc32_has_the_standard_check_value(void **state)
{
    (void)state;
    assert_int_equal(crc32_update(0, "123456789", 9), 0xCBF43926u);
    /* In two pieces, the same. */
    assert_int_equal(crc32_update(crc32_update(0, "1234", 4), "56789", 5), 0xCBF43926u);
    assert_int_equal(crc32_update(0, "", 0), 0);
}

static void records_are_padded_to_eight_and_verified(void **state)
{
    (void)state;
    assert_int_equal(record_size(0), 8);
    assert_int_equal(record_size(1), 16);
    assert_int_equal(record_size(8), 16);
    assert_int_equal(record_size(56), 64);
    unsigned char buf[32];
    memset(buf, 0xAA, sizeof buf);
    record_encode(buf, "hello", 5);
    struct record_head head;
    memcpy(&head, buf, sizeof head);
    assert_int_equal(head.length, 5);
    assert_int_equal(head.crc, record_crc("hello", 5));
    assert_memory_equal(buf + 8, "hello", 5);
    assert_memory_equal(buf + 13, "\0\0\0", 3); /* padding is zeros */
    assert_int_equal(buf[16], 0xAA);             /* and nothing past it is touched */
    /* The length is covered: the same bytes with another length do not match. */
    assert_int_not_equal(record_crc("hell", 4), record_crc("hello", 5));
}

static void header_problems_are_named(void **state)
{
    (void)state;
    struct log_header h;
    header_init(&h);
    assert_null(header_problem(&h, LOG_HEADER_SIZE, 4096));
    assert_null(header_problem(&h, 4096, 4096));
    assert_non_null(strstr(header_problem(&h, 4104, 4096), "truncated"));
    assert_non_null(strstr(header_problem(&h, 12, 4096), "impossible"));
    assert_non_null(strstr(header_problem(&h, 100, 4096), "impossible")); /* not aligned */
    h.version = 2;
    assert_non_null(strstr(header_problem(&h, 64, 4096), "version"));
    header_init(&h);
    h.magic[0] = 'X';
    assert_non_null(strstr(header_problem(&h, 64, 4096), "not a maplog file"));
}

static void ftruncate_leaves_a_hole_and_fallocate_reserves_blocks(void **state)
{
    const char *path = tmp_path(*state, "grown");
    enum grow_strategy s;
    size_t mib = 1 << 20;
    struct stat st;
    for (int i = 0; i < 2; i++) {
        const char *name = i == 0 ? "ftruncate" : "fallocate";
        assert_int_equal(grow_parse(name, &s), 0);
        assert_string_equal(grow_name(s), name);
        int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
        assert_true(fd >= 0);
        assert_int_equal(grow_file(fd, s, 0, mib), 0);
        assert_int_equal(fstat(fd, &st), 0);
        assert_int_equal(st.st_size, mib);
        if (i == 0)
            assert_true((size_t)st.st_blocks * 512 < mib / 2); /* a hole */
        else
            assert_true((size_t)st.st_blocks * 512 >= mib);   /* blocks, reserved */
        close(fd);
    }
    assert_int_equal(grow_parse("write", &s), -1);
}

/* Each strategy: map one page, grow the file to three, follow, store on the
 * third page, and find the byte in the file with pread(). */
static void every_remap_strategy_follows_the_file(void **state)
{
    const char *names[] = {"reserve", "mremap", "unmap"};
    size_t page = page_size();
    for (size_t i = 0; i < 3; i++) {
        enum remap_strategy how;
        assert_int_equal(remap_parse(names[i], &how), 0);
        assert_string_equal(remap_name(how), names[i]);
        int fd = open(tmp_path(*state, names[i]), O_RDWR | O_CREAT | O_TRUNC, 0600);
        assert_true(fd >= 0);
        assert_int_equal(ftruncate(fd, (off_t)page), 0);
        struct view v;
        assert_int_equal(view_map(&v, fd, page, 1, how, 16 * page), 0);
        unsigned char *before = v.base;
        assert_int_equal(ftruncate(fd, (off_t)(3 * page)), 0);
        assert_int_equal(view_follow(&v, 3 * page), 0);
        assert_int_equal(v.covered, 3 * page);
        v.base[2 * page + 5] = 'x';
        if (how == REMAP_RESERVE) {
            assert_ptr_equal(v.base, before); /* the same mapping, the same address */
            assert_int_equal(v.remaps, 0);
            assert_int_equal(v.length, 16 * page);
        } else {
            assert_int_equal(v.remaps, 1);
        }
        char c = 0;
        assert_int_equal(pread(fd, &c, 1, (off_t)(2 * page + 5)), 1);
        assert_int_equal(c, 'x');
        /* Past the reservation there is nowhere to follow. */
        if (how == REMAP_RESERVE) {
            assert_int_equal(view_follow(&v, 17 * page), -1);
            assert_int_equal(errno, EFBIG);
        }
        assert_int_equal(view_unmap(&v), 0);
        assert_null(v.base);
        close(fd);
    }
}

static int collect(void *arg, const unsigned char *bytes, uint32_t length)
{
    char *out = arg;
    strncat(out, (const char *)bytes, length);
    strcat(out, "|");
    return 0;
}

static void appended_records_are_listed_after_a_commit_only(void **state)
{
    struct log_settings s = settings("fallocate", "mremap", "msync");
    struct log log;
    const char *path = three_appended(state, &s, &log);
    /* Stored, not committed: a reader sees two records. */
    struct log reader;
    char seen[256] = "";
    struct walk w;
    assert_int_equal(log_open(&reader, path, 0, 0, &s), 0);
    assert_int_equal(log_walk(&reader, collect, seen, &w), 0);
    assert_string_equal(seen, "one|two|");
    assert_int_equal(log_close(&reader), 0);
    assert_int_equal(log_commit(&log), 0);
    assert_int_equal(committed_on_file(path), LOG_HEADER_SIZE + 3 * 16);
    assert_int_equal(log_close(&log), 0);
    seen[0] = '\0';
    assert_int_equal(log_open(&reader, path, 0, 0, &s), 0);
    assert_int_equal(log_walk(&reader, collect, seen, &w), 0);
    assert_string_equal(seen, "one|two|three|");
    assert_int_equal(w.records, 3);
    assert_int_equal(log_close(&reader), 0);
}

/* Appending page after page grows the file in chunks, for every pairing of
 * growth and remapping, and every record survives. */
static void growth_in_chunks_keeps_every_record(void **state)
{
    const char *grows[] = {"ftruncate", "fallocate"};
    const char *remaps[] = {"reserve", "mremap", "unmap"};
    char record[200];
    memset(record, 'r', sizeof record);
    for (int g = 0; g < 2; g++) {
        for (int m = 0; m < 3; m++) {
            struct log_settings s = settings(grows[g], remaps[m], "msync");
            s.reserve = 64 * page_size();
            char name[32];
            snprintf(name, sizeof name, "%s-%s", grows[g], remaps[m]);
            struct log log;
            assert_int_equal(log_open(&log, tmp_path(*state, name), 1, 1, &s), 0);
            for (int i = 0; i < 100; i++) {
                record[0] = (char)('0' + i % 10);
                assert_int_equal(log_append(&log, record, sizeof record), 0);
            }
            assert_int_equal(log_commit(&log), 0);
            uint64_t want = LOG_HEADER_SIZE + 100 * record_size(sizeof record);
            assert_int_equal(log.committed, want);
            assert_int_equal(log.size, (want + page_size() - 1) / page_size() * page_size());
            assert_true(log.growths >= 5);
            struct check_result r;
            assert_int_equal(log_check(&log, &r), 0);
            assert_int_equal(r.walk.records, 100);
            assert_int_equal(r.tail_nonzero, 0);
            assert_int_equal(log_close(&log), 0);
        }
    }
}

/* The commit makes two syncs: the records, then the header. */
static void commit_syncs_records_then_header(void **state)
{
    struct log_settings s = settings("fallocate", "mremap", "msync");
    struct log log;
    three_appended(state, &s, &log);
    fault_clear();
    assert_int_equal(log_commit(&log), 0);
    assert_int_equal(fault_calls("msync"), 2);
    fault_clear();
    assert_int_equal(log_commit(&log), 0); /* nothing new: no sync at all */
    assert_int_equal(fault_calls("msync"), 0);
    assert_int_equal(log_close(&log), 0);
}

/* The first msync fails: the header never moved, so the record is not in the log. */
static void a_failed_first_sync_leaves_the_log_as_it_was(void **state)
{
    const char *syncs[] = {"msync", "fdatasync", "fsync"};
    for (int i = 0; i < 3; i++) {
        struct log_settings s = settings("fallocate", "mremap", syncs[i]);
        const char *path = two_records(state, &s);
        uint64_t before = committed_on_file(path);
        struct log log;
        assert_int_equal(log_open(&log, path, 1, 0, &s), 0);
        assert_int_equal(log_append(&log, "three", 5), 0);
        fault_clear();
        fault_inject(syncs[i], EIO, 0);
        assert_int_equal(log_commit(&log), -1);
        fault_clear();
        assert_int_equal(errno, EIO);
        char want[64];
        snprintf(want, sizeof want, "%s: %s", syncs[i], strerror(EIO));
        assert_string_equal(log_error(&log), want);
        assert_int_equal(committed_on_file(path), before);
        assert_int_equal(log_close(&log), 0);
        unlink(path);
    }
}

/* The second sync fails: the error is reported, though readers already see the record. */
static void a_failed_header_sync_is_reported(void **state)
{
    struct log_settings s = settings("fallocate", "mremap", "msync");
    struct log log;
    three_appended(state, &s, &log);
    fault_clear();
    fault_inject("msync", EIO, 1);
    assert_int_equal(log_commit(&log), -1);
    fault_clear();
    assert_string_equal(log_error(&log), "msync: Input/output error");
    assert_int_equal(log_close(&log), 0);
}

/* Growth or remapping fails: the append fails with that call's errno, and
 * the committed records are still all there. */
static void failed_growth_or_remap_keeps_the_committed_log(void **state)
{
    const struct { const char *grow, *remap, *call; int err; } cases[] = {
        {"fallocate", "mremap", "fallocate", ENOSPC},
        {"ftruncate", "mremap", "ftruncate", EFBIG},
        {"fallocate", "mremap", "mremap", ENOMEM},
        {"fallocate", "unmap", "mmap", ENOMEM},
        {"fallocate", "unmap", "munmap", EINVAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct log_settings s = settings(cases[i].grow, cases[i].remap, "msync");
        const char *path = two_records(state, &s);
        struct log log;
        assert_int_equal(log_open(&log, path, 1, 0, &s), 0);
        char big[4096] = {0};
        fault_clear();
        fault_inject(cases[i].call, cases[i].err, 0);
        assert_int_equal(log_append(&log, big, sizeof big), -1); /* needs a new page */
        fault_clear();
        char want[96];
        snprintf(want, sizeof want, "%s: %s", cases[i].call, strerror(cases[i].err));
        if (strcmp(cases[i].call, "mmap") == 0 || strcmp(cases[i].call, "munmap") == 0)
            snprintf(want, sizeof want, "unmap: %s", strerror(cases[i].err));
        assert_string_equal(log_error(&log), want);
        assert_int_equal(errno, cases[i].err);
        log_close(&log);
        struct log reader;
        struct walk w;
        assert_int_equal(log_open(&reader, path, 0, 0, &s), 0);
        assert_int_equal(log_walk(&reader, NULL, NULL, &w), 0);
        assert_int_equal(w.records, 2);
        assert_int_equal(log_close(&reader), 0);
        unlink(path);
    }
}

/* Creating a log: a failed fsync of the file or of its directory leaves no
 * log and no temporary file behind. */
static void failed_creation_leaves_nothing(void **state)
{
    const struct tmp *t = *state;
    for (unsigned skip = 0; skip < 2; skip++) {
        struct log log;
        fault_clear();
        fault_inject("fsync", EIO, skip);
        int rc = log_open(&log, tmp_path(t, "new"), 1, 1, NULL);
        fault_clear();
        assert_int_equal(rc, -1);
        assert_int_equal(errno, EIO);
        assert_string_equal(log_error(&log), skip == 0 ? "fsync: Input/output error"
                                                       : "fsync of its directory: Input/output error");
        /* After the directory's fsync failed the log exists and is sound; before, nothing. */
        if (skip == 0) {
            struct stat st;
            assert_int_equal(stat(tmp_path(t, "new"), &st), -1);
        }
        unlink(tmp_path(t, "new"));
    }
    /* Only our files are in the directory: no temporary was left. */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", t->dir);
    assert_int_equal(system(cmd), 0);
}

static void a_second_writer_is_refused(void **state)
{
    const char *path = two_records(state, NULL);
    struct log a, b;
    assert_int_equal(log_open(&a, path, 1, 0, NULL), 0);
    /* fcntl() locks belong to a process: a second writer must be another one. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int rc = log_open(&b, path, 1, 0, NULL);
        _exit(rc == -1 && strstr(log_error(&b), "another process") != NULL ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(log_close(&a), 0);
}

static void a_record_too_long_is_refused(void **state)
{
    const char *path = two_records(state, NULL);
    struct log log;
    assert_int_equal(log_open(&log, path, 1, 0, NULL), 0);
    char *big = calloc(1, RECORD_MAX + 1);
    assert_non_null(big);
    assert_int_equal(log_append(&log, big, RECORD_MAX + 1), -1);
    assert_int_equal(errno, EMSGSIZE);
    assert_int_equal(log_append(&log, big, RECORD_MAX), 0); /* the longest one fits */
    free(big);
    assert_int_equal(log_close(&log), 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(crc32_has_the_standard_check_value),
        cmocka_unit_test(records_are_padded_to_eight_and_verified),
        cmocka_unit_test(header_problems_are_named),
        T(ftruncate_leaves_a_hole_and_fallocate_reserves_blocks),
        T(every_remap_strategy_follows_the_file),
        T(appended_records_are_listed_after_a_commit_only),
        T(growth_in_chunks_keeps_every_record),
        T(commit_syncs_records_then_header),
        T(a_failed_first_sync_leaves_the_log_as_it_was),
        T(a_failed_header_sync_is_reported),
        T(failed_growth_or_remap_keeps_the_committed_log),
        T(failed_creation_leaves_nothing),
        T(a_second_writer_is_refused),
        T(a_record_too_long_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
