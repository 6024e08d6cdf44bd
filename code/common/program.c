#include "program.h"

#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* region: std-fds */
int program_start(const char *argv0)
{
    report_init(argv0);
    /* open() returns the lowest free descriptor, so going up from 0 fills
     * each hole in turn. stdout is opened read-only: writing to it then fails
     * with EBADF, as it would have, and program_finish() says so. */
    static const int flags[] = {O_RDONLY, O_RDONLY, O_WRONLY};
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int got = open("/dev/null", flags[fd]);
        if (got != fd) {
            if (got >= 0)
                close(got);
            return -1;
        }
    }
    return 0;
}
/* end region: std-fds */

int bad_option(int c, char *const argv[])
{
    /* optopt holds a short option's letter; for an unknown long option it is
     * 0, and for a long option missing its argument it is that option's val,
     * so a word starting with "--" is named as it was typed: the last
     * argument getopt_long() looked at. */
    char shortname[3] = {'-', (char)optopt, '\0'};
    const char *last = argv[optind - 1];
    const char *name = optopt != 0 && strncmp(last, "--", 2) != 0 ? shortname : last;
    if (c == ':')
        report(name, "needs an argument (try --help)");
    else
        report(name, "unknown option (try --help)");
    return EXIT_USAGE;
}

int help_only_options(int argc, char **argv, const char *about)
{
    static const struct option longopts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    opterr = 0; /* we print our own one-line messages */
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c != 'h')
            return bad_option(c, argv);
        printf("usage: %s\n%s", program_name(), about);
        return program_finish(EXIT_OK);
    }
    if (optind < argc) {
        report(argv[optind], "unexpected argument (try --help)");
        return EXIT_USAGE;
    }
    return -1;
}

/* region: finish */
int program_finish(int status)
{
    int failed = fflush(stdout) != 0 || ferror(stdout);
    int err = errno;
    if (fclose(stdout) != 0 && !failed) {
        failed = 1;
        err = errno;
    }
    if (!failed)
        return status;
    /* Not report(): it flushes stdout first, and stdout is closed now. */
    fprintf(stderr, "%s: stdout: write error: %s\n", program_name(),
            strerror(err != 0 ? err : EIO));
    return status != EXIT_OK ? status : EXIT_FAIL;
}
/* end region: finish */
