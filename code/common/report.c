#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *name = "program";

void report_init(const char *argv0)
{
    if (argv0 == NULL || *argv0 == '\0')
        return;
    const char *slash = strrchr(argv0, '/');
    name = slash ? slash + 1 : argv0;
}

const char *program_name(void)
{
    return name;
}

void report(const char *subject, const char *fmt, ...)
{
    va_list ap;
    /* Whatever the program printed before the failure comes out first. */
    fflush(stdout);
    fprintf(stderr, "%s: %s: ", name, subject);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void report_errno(const char *subject, int errnum)
{
    report(subject, "%s", strerror(errnum));
}
