/* mapfail: try every way mmap() says no, each in a child process so that a
 * signal cannot take the program down, and compare what the kernel did with
 * what this book says it does.
 *
 * The parts, one concept each, are in lib/: outcome (what a probe saw),
 * probes_* (each probe), cases (the table), runner (a probe in a child),
 * scratch (the probes' files) and check (--check, the safe mapper's view). */
#include "cases.h"
#include "check.h"
#include "interruptions.h"
#include "outcome.h"
#include "overcommit.h"
#include "program.h"
#include "report.h"
#include "runner.h"
#include "scratch.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_header(void)
{
    printf("%-26s %-8s %s\n", "CASE", "EXPECTED", "OBSERVED");
}

static void print_row(const struct failure_case *c, const struct outcome *expected,
                      const struct outcome *seen)
{
    char label[64], observed[160];
    case_label(c, label, sizeof label);
    describe(seen, observed, sizeof observed);
    printf("%-26s %-8s %-38s %s\n", label, outcome_name(expected), observed,
           outcome_matches(seen, expected) ? "ok" : "MISMATCH");
    printf("  tried:  %s\n", c->tried);
    printf("  lesson: %s\n", c->lesson);
}

/* Each case once, in table order, however many rows it has. */
static void list_cases(void)
{
    const char *last = "";
    for (size_t i = 0; i < case_count(); i++) {
        const struct failure_case *c = case_at(i);
        if (strcmp(c->name, last) != 0)
            printf("%s\n", c->name);
        last = c->name;
    }
}

/* Run the selected cases (all when there are no names) and print the table. */
static int run_cases(char *const names[], int count, const char *dir)
{
    int matched = 0, ran = 0;
    print_header();
    for (size_t i = 0; i < case_count(); i++) {
        const struct failure_case *c = case_at(i);
        int wanted = count == 0;
        for (int k = 0; k < count && !wanted; k++)
            wanted = case_selected(c, names[k]);
        if (!wanted)
            continue;
        /* Two rows follow this machine's overcommit policy, read as they run. */
        struct outcome expected = case_expected(c, overcommit_mode());
        struct outcome seen = run_case(c, dir);
        print_row(c, &expected, &seen);
        ran++;
        matched += outcome_matches(&seen, &expected);
    }
    printf("%d of %d outcomes as expected\n", matched, ran);
    return matched == ran ? EXIT_OK : EXIT_FAIL;
}

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [--list] [CASE...]\n"
        "       %s --check FILE...\n"
        "Try each way mmap() fails, each in a child process, and print what was\n"
        "tried, what was expected, what was observed and the lesson.\n"
        "With no CASE, run them all. A CASE is a name from --list, or NAME/ROW.\n"
        "Exit status: 0 if every outcome was the expected one, 1 if not, 2 on misuse.\n"
        "  -l, --list   list the cases and exit\n"
        "  -c, --check  instead, ask the safe mapper whether each FILE can be mapped\n"
        "  -h, --help   print this help\n",
        program_name(), program_name());
}

/* region: interrupted */
/* An interruption removes the scratch directory, then ends the program as
 * the signal meant to. The runner holds these signals back while a child
 * runs, so when this handler runs, every child has been reaped. */
static char scratch[4096];

static void interrupted(int sig)
{
    scratch_dir_remove(scratch); /* unlink() and rmdir(): async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig); /* delivered as soon as this handler returns */
}

/* Make the directory and arm its removal, with no interruption in between. */
static int make_scratch_dir(void)
{
    sigset_t saved;
    interruptions_hold(&saved);
    int made = scratch_dir_create(scratch, sizeof scratch);
    int saved_errno = errno;
    if (made == 0)
        interruptions_handle(interrupted);
    interruptions_release(&saved);
    errno = saved_errno;
    return made;
}

/* The normal end: the same removal, with the handler stood down. */
static int remove_scratch_dir(void)
{
    sigset_t saved;
    interruptions_hold(&saved);
    int removed = scratch_dir_remove(scratch);
    int saved_errno = errno;
    interruptions_handle(SIG_DFL);
    interruptions_release(&saved);
    errno = saved_errno;
    return removed;
}
/* end region: interrupted */

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {.name = "list", .has_arg = no_argument, .val = 'l'},
        {.name = "check", .has_arg = no_argument, .val = 'c'},
        {.name = "help", .has_arg = no_argument, .val = 'h'},
        {0},
    };
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    int c, list = 0, check = 0;
    opterr = 0; /* we print our own one-line messages */
    while ((c = getopt_long(argc, argv, ":lch", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return program_finish(EXIT_OK);
        } else if (c == 'l') {
            list = 1;
        } else if (c == 'c') {
            check = 1;
        } else {
            return bad_option(c, argv);
        }
    }
    if (check && (list || optind == argc)) {
        report("--check", list ? "cannot be combined with --list" : "needs a FILE (try --help)");
        return EXIT_USAGE;
    }
    if (check)
        return program_finish(check_files(argv + optind, argc - optind));
    for (int i = optind; i < argc; i++) {
        if (!name_known(argv[i])) {
            report(argv[i], "unknown case (try --list)");
            return EXIT_USAGE;
        }
    }
    if (list) {
        list_cases();
        return program_finish(EXIT_OK);
    }
    if (make_scratch_dir() != 0) {
        report("scratch directory", "%s", strerror(errno));
        return EXIT_FAIL;
    }
    int status = run_cases(argv + optind, argc - optind, scratch);
    /* Every probe unlinks its file at once, so the directory is empty. */
    if (remove_scratch_dir() != 0) {
        report(scratch, "rmdir: %s", strerror(errno));
        status = EXIT_FAIL;
    }
    return program_finish(status);
}
