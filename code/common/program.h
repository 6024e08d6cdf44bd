/** @file program.h
 * @brief What every program does first and last: sane standard descriptors, a checked stdout.
 *
 * Two hostile conditions break careless programs before they map anything.
 *
 * A closed standard descriptor: run as `prog 2>&-`, a program's next open()
 * returns descriptor 2, and its error message is then written into the file
 * it opened. program_start() makes sure descriptors 0, 1 and 2 are open
 * before anything else is: a closed stdin reads as empty (/dev/null), a
 * closed stdout is reopened so that every write to it fails with EBADF
 * (which program_finish() reports), and a closed stderr discards messages.
 *
 * A failed write: printf() into a full disk or a closed pipe fails in the
 * stdio buffer, and the error is only seen when the buffer is flushed, often
 * at exit, where nobody checks. program_finish() flushes and closes stdout and
 * turns a failure into a message and exit status 1.
 *
 * SIGPIPE keeps its default action in every program: writing to a pipe whose
 * reader has gone ends the program quietly, as `cat` and `ls` end.
 */
#ifndef MMF_PROGRAM_H
#define MMF_PROGRAM_H

/**
 * @brief Start a program: remember its name and make sure fds 0, 1 and 2 are open.
 *
 * Call it first in main(), before opening anything.
 * @param argv0 argv[0] as main received it (see report_init()).
 * @return 0 on success; -1 if /dev/null could not be opened (the program
 *         should exit with EXIT_FAIL).
 */
int program_start(const char *argv0);

/**
 * @brief Report a bad option the way every program does, after getopt_long().
 *
 * Names the option itself (`-z`, or `--bogus`), never the group it was found
 * in, and says whether it is unknown or lacks its argument.
 * @param c What getopt_long() returned: '?' for an unknown option, ':' for a
 *          missing argument (with ':' first in the option string).
 * @param argv The program's argv, as given to getopt_long().
 * @return EXIT_USAGE, for the caller to return.
 */
int bad_option(int c, char *const argv[]);

/**
 * @brief The whole command line of a program that takes no arguments, only -h/--help.
 *
 * Parses the options with getopt_long(): -h prints `usage: PROGRAM` and
 * @p about on stdout; a bad option or any argument is a usage error.
 * @param argc main()'s argc.
 * @param argv main()'s argv.
 * @param about What the program does, one or more lines ending in a newline.
 * @return -1 when the program should go on and do its work; otherwise the
 *         exit status to return at once (after --help: through program_finish()).
 */
int help_only_options(int argc, char **argv, const char *about);

/**
 * @brief End a program: flush and close stdout, and fail if that fails.
 * @param status The exit status the program has reached so far.
 * @return @p status if stdout was written and closed without error; otherwise
 *         @p status if it already reports a failure, or EXIT_FAIL, after a
 *         one-line message on stderr.
 */
int program_finish(int status);

#endif
