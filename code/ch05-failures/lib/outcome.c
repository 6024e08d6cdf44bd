/* What a probe saw, and its names: the columns of mapfail's table. */
#include "outcome.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct outcome success(const char *detail)
{
    struct outcome o = {.kind = OUT_SUCCESS};
    snprintf(o.detail, sizeof o.detail, "%s", detail);
    return o;
}

struct outcome failed(int errnum)
{
    return (struct outcome){.kind = OUT_ERRNO, .value = errnum};
}

struct outcome broken(const char *step, int errnum)
{
    struct outcome o = {.kind = OUT_BROKEN, .value = errnum};
    snprintf(o.detail, sizeof o.detail, "%s", step);
    return o;
}

struct outcome killed_by(int sig)
{
    return (struct outcome){.kind = OUT_SIGNAL, .value = sig};
}

const char *outcome_name(const struct outcome *o)
{
    switch (o->kind) {
    case OUT_SUCCESS: return "success";
    case OUT_ERRNO:   return errno_name(o->value);
    case OUT_SIGNAL:  return signal_name(o->value);
    default:          return "broken";
    }
}

void describe(const struct outcome *o, char *text, size_t size)
{
    switch (o->kind) {
    case OUT_SUCCESS:
        snprintf(text, size, "success: %s", o->detail);
        break;
    case OUT_ERRNO:
        snprintf(text, size, "%s (%s)", errno_name(o->value), strerror(o->value));
        break;
    case OUT_SIGNAL:
        snprintf(text, size, "%s (%s)", signal_name(o->value), strsignal(o->value));
        break;
    default:
        snprintf(text, size, "broken: %s%s%s", o->detail, o->value ? ": " : "",
                 o->value ? strerror(o->value) : "");
    }
}

int outcome_matches(const struct outcome *seen, const struct outcome *expected)
{
    return seen->kind == expected->kind && seen->value == expected->value;
}
