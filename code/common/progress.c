#include "progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

static int shown;

void progress(const char *fmt, ...)
{
    if (!isatty(STDERR_FILENO))
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("\r\033[K", stderr); /* back to the line's start, and clear it */
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
    shown = 1;
}

void progress_done(void)
{
    if (shown)
        fputs("\r\033[K", stderr);
    shown = 0;
}
