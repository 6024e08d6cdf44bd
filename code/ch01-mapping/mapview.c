/* mapview: map a file read-only, then look at it the way Python's mmap
 * object lets you: by index, by slice and with find. The requests are read
 * in lib/request.c and answered from the mapping in lib/view.c. */
#include "program.h"
#include "report.h"
#include "request.h"
#include "view.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [-i INDEX] [-s START:END] [-f NEEDLE] FILE\n"
        "Map FILE read-only and print its size, the page size and the pages mapped.\n"
        "  -i, --index INDEX     print the byte at INDEX (negative counts from the end)\n"
        "  -s, --slice START:END print the bytes in [START, END)\n"
        "  -f, --find NEEDLE     print the offset of the first NEEDLE, or say it is absent\n"
        "  -h, --help            print this help\n"
        "Options may be repeated; they are answered in order.\n",
        program_name());
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {.name = "index", .has_arg = required_argument, .val = 'i'},
        {.name = "slice", .has_arg = required_argument, .val = 's'},
        {.name = "find", .has_arg = required_argument, .val = 'f'},
        {.name = "help", .has_arg = no_argument, .val = 'h'},
        {0},
    };
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    struct request *requests = calloc((size_t)argc, sizeof *requests);
    if (requests == NULL) {
        report("calloc", "%s", strerror(errno));
        return program_finish(EXIT_FAIL);
    }
    size_t count = 0;
    int status = EXIT_OK;
    int c;
    opterr = 0; /* we print our own one-line messages */
    while (status == EXIT_OK && (c = getopt_long(argc, argv, ":i:s:f:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            free(requests);
            return program_finish(EXIT_OK);
        } else if (c == ':' || c == '?') {
            status = bad_option(c, argv);
        } else if (parse_request(&requests[count++], c, optarg) != 0) {
            status = EXIT_USAGE;
        }
    }
    if (status == EXIT_OK && optind != argc - 1) {
        report(optind < argc ? argv[optind + 1] : "FILE",
               optind < argc ? "only one FILE is allowed" : "missing argument (try --help)");
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK)
        status = view_file(argv[optind], requests, count);
    free(requests);
    return program_finish(status);
}
