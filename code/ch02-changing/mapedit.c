/* mapedit: change bytes of a file in place through a mapping, the way the
 * article assigns obj[1] = 'a' and obj[1:4] = 'abc', then read the file back
 * with pread() to prove where the bytes went. The edit itself lives in
 * lib/edit.c (what and where, checked) and lib/apply.c (doing it). */
#include "apply.h"
#include "edit.h"
#include "program.h"
#include "report.h"

#include <getopt.h>
#include <stdio.h>

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [-p|--private] [-n|--no-sync] FILE OFFSET TEXT\n"
        "Map FILE read-write, write TEXT over the bytes at OFFSET, msync, unmap,\n"
        "then read the bytes back with pread() to show what reached the file.\n"
        "TEXT must fit inside the file: a mapping cannot make a file longer.\n"
        "  -p, --private  map with MAP_PRIVATE: the edit stays in this process\n"
        "  -n, --no-sync  skip msync(): unmap with the edit only in the page cache\n"
        "  -h, --help     print this help\n"
        "Put -- before a TEXT that starts with '-'.\n",
        program_name());
}

/* Options and operands, checked before the file is even opened: a usage
 * error touches nothing. Returns EXIT_OK, EXIT_USAGE, or -1 after --help. */
static int parse_arguments(int argc, char **argv, struct edit *e)
{
    static const struct option longopts[] = {
        {.name = "private", .has_arg = no_argument, .val = 'p'},
        {.name = "no-sync", .has_arg = no_argument, .val = 'n'},
        {.name = "help", .has_arg = no_argument, .val = 'h'},
        {0},
    };
    static const char *const operands[] = {"FILE", "OFFSET", "TEXT"};
    int private_map = 0, sync = 1;
    int c;
    opterr = 0; /* we print our own one-line messages */
    while ((c = getopt_long(argc, argv, ":pnh", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return -1;
        } else if (c == 'p') {
            private_map = 1;
        } else if (c == 'n') {
            sync = 0;
        } else {
            return bad_option(c, argv);
        }
    }
    int left = argc - optind;
    if (left < 3) {
        report(operands[left], "missing argument (try --help)");
        return EXIT_USAGE;
    }
    if (left > 3) {
        report(argv[optind + 3], "too many arguments (try --help)");
        return EXIT_USAGE;
    }
    int status = edit_init(e, argv[optind], argv[optind + 1], argv[optind + 2]);
    e->private_map = private_map;
    e->sync = sync;
    return status;
}

int main(int argc, char **argv)
{
    /* First of all: if a standard descriptor were closed, the file we open
     * would take its number, and our messages would be written into it. */
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    struct edit e;
    int status = parse_arguments(argc, argv, &e);
    if (status == EXIT_OK)
        status = apply_edit(&e);
    else if (status < 0)
        status = EXIT_OK; /* --help */
    return program_finish(status);
}
