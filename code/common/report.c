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

/* A subject or reason may echo what the user typed: a newline would split the
 * message in two and an escape sequence would reach the terminal. Control
 * bytes are printed escaped; everything else, UTF-8 included, as it is. */
static void put_escaped(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        if (*p == '\n')
            fputs("\\n", stderr);
        else if (*p == '\t')
            fputs("\\t", stderr);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(stderr, "\\x%02x", *p);
        else
            fputc(*p, stderr);
    }
}

void report(const char *subject, const char *fmt, ...)
{
    char reason[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    /* Whatever the program printed before the failure comes out first. */
    fflush(stdout);
    fprintf(stderr, "%s: ", name);
    put_escaped(subject);
    fputs(": ", stderr);
    put_escaped(reason);
    fputc('\n', stderr);
}

void report_errno(const char *subject, int errnum)
{
    report(subject, "%s", strerror(errnum));
}
