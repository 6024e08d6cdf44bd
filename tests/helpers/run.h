/** @file run.h
 * @brief Run a program as a child and capture its exit status, stdout and stderr.
 *
 * End-to-end tests assert what a user sees: the status, the output and the
 * one-line error. This runs a program exactly as a shell would.
 */
#ifndef TEST_RUN_H
#define TEST_RUN_H

#include <stddef.h>

/** What a finished child did. */
struct run_result {
    int exited;     /**< 1 if it exited normally. */
    int status;     /**< Its exit status, when exited. */
    int signaled;   /**< 1 if a signal killed it. */
    int signal;     /**< That signal, when signaled. */
    char *out;      /**< Everything it wrote on stdout, NUL-terminated. */
    size_t out_len; /**< Bytes in out. */
    char *err;      /**< Everything it wrote on stderr, NUL-terminated. */
    size_t err_len; /**< Bytes in err. */
};

/**
 * @brief Run argv[0] with @p argv, feed it @p input, wait for it and capture everything.
 *
 * A name without a slash is looked up in BIN_DIR (build/bin), so tests run the
 * programs that `make` built. The child's stdin is a pipe carrying @p input
 * (closed at once when @p input is NULL). A child still running after 60 s is killed.
 * @param r Filled in; free with run_free().
 * @param input Bytes for the child's stdin, or NULL.
 * @param argv The program and its arguments, NULL-terminated.
 * @return 0 if the child ran and was reaped; -1 if it could not be started.
 */
int run_argv(struct run_result *r, const char *input, const char *const argv[]);

/**
 * @brief run_argv() with the arguments listed: run(&r, NULL, "mapview", "-h", NULL).
 * @param r Filled in; free with run_free().
 * @param input Bytes for stdin, or NULL.
 * @param program The program's name (looked up in BIN_DIR) or path.
 * @return 0 if the child ran; -1 if it could not be started.
 */
int run(struct run_result *r, const char *input, const char *program, ...);

/**
 * @brief Whether programs run under a wrapper (RUN_UNDER, as `make valgrind` sets it).
 *
 * A wrapper such as valgrind adds its own memory and address-space use to the
 * program's, so tests that measure those (Pss, private memory, a 1 TiB mapping)
 * leave those assertions out, or skip, when it is set.
 * @return 1 under a wrapper, 0 otherwise.
 */
int run_is_wrapped(void);

/**
 * @brief Free what a run captured.
 * @param r The result of run() or run_argv().
 */
void run_free(struct run_result *r);

/**
 * @brief Assert a run ended with a normal exit and @p status.
 * @param r The result.
 * @param status The expected exit status.
 */
void assert_exit(const struct run_result *r, int status);

/**
 * @brief Assert the house rule for bad input: exit @p status, nothing on stdout,
 * and exactly one line on stderr that starts with "PROGRAM: SUBJECT: ".
 * @param r The result.
 * @param status 1 for a failure, 2 for a usage error.
 * @param prefix The start of the line, for example "mapview: /dev/null: ".
 */
void assert_one_line_error(const struct run_result *r, int status, const char *prefix);

/**
 * @brief Run a program on bad input and assert the house rule, as assert_one_line_error() does.
 *
 * For example: expect_run_error(2, "mapview: -q: unknown option", NULL, "mapview", "-q", "f", NULL).
 * @param status 1 for a failure, 2 for a usage error.
 * @param prefix The start of the one line expected on stderr.
 * @param input Bytes for the program's stdin, or NULL.
 * @param program The program's name (looked up in BIN_DIR) or path; its arguments follow, then NULL.
 */
void expect_run_error(int status, const char *prefix, const char *input, const char *program, ...);

/**
 * @brief Assert that @p haystack contains @p needle, printing both if not.
 * @param haystack The text searched.
 * @param needle The text that must occur in it.
 */
void assert_contains(const char *haystack, const char *needle);

#endif
