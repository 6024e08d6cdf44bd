/* A small XML well-formedness checker for the tests (see xmlcheck.h). */
#include "xmlcheck.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { DEPTH = 64, NAME = 64 };

struct reader {
    const char *start, *p;
    char *why;
    size_t size;
};

static int bad(struct reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(r->why, r->size, "offset %td: ", r->p - r->start);
    if (n >= 0 && (size_t)n < r->size)
        vsnprintf(r->why + n, r->size - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static int name_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '_' || c == ':' || c == '.' ||
           (unsigned char)c >= 0x80;
}

/* A name into @out; returns its length (0: none). */
static size_t read_name(struct reader *r, char out[NAME])
{
    size_t n = 0;
    while (name_char(*r->p) && n < NAME - 1)
        out[n++] = *r->p++;
    out[n] = '\0';
    return n;
}

static void skip_space(struct reader *r)
{
    while (isspace((unsigned char)*r->p))
        r->p++;
}

/* An entity after '&': a named one of the five, or a character reference. */
static int entity(struct reader *r)
{
    static const char *const named[] = {"lt;", "gt;", "amp;", "quot;", "apos;"};
    r->p++;
    for (size_t i = 0; i < 5; i++)
        if (strncmp(r->p, named[i], strlen(named[i])) == 0) {
            r->p += strlen(named[i]);
            return 0;
        }
    if (*r->p == '#') {
        const char *q = r->p + 1 + (r->p[1] == 'x');
        const char *digits = q;
        while (isxdigit((unsigned char)*q))
            q++;
        if (q > digits && *q == ';') {
            r->p = q + 1;
            return 0;
        }
    }
    return bad(r, "'&' that is not an entity");
}

/* Attributes up to '>' or '/>'; returns 1 for an empty element, 0 for an open one. */
static int attributes(struct reader *r)
{
    char name[NAME];
    for (;;) {
        skip_space(r);
        if (r->p[0] == '/' && r->p[1] == '>') {
            r->p += 2;
            return 1;
        }
        if (*r->p == '>') {
            r->p++;
            return 0;
        }
        if (read_name(r, name) == 0)
            return bad(r, "expected an attribute name");
        skip_space(r);
        if (*r->p++ != '=')
            return bad(r, "attribute %s has no '='", name);
        skip_space(r);
        char quote = *r->p++;
        if (quote != '"' && quote != '\'')
            return bad(r, "attribute %s is not quoted", name);
        while (*r->p != quote) {
            if (*r->p == '\0' || *r->p == '<')
                return bad(r, "attribute %s's value is not closed", name);
            if (*r->p == '&' ? entity(r) != 0 : (r->p++, 0))
                return -1;
        }
        r->p++;
    }
}

int xml_check(const char *text, const char *root, char *why, size_t size)
{
    struct reader r = {.start = text, .p = text, .why = why, .size = size};
    char stack[DEPTH][NAME], name[NAME];
    int depth = 0, roots = 0;
    while (*r.p != '\0') {
        if (strncmp(r.p, "<?", 2) == 0 || strncmp(r.p, "<!--", 4) == 0) {
            const char *end = strstr(r.p, r.p[1] == '?' ? "?>" : "-->");
            if (end == NULL)
                return bad(&r, "a declaration or comment that never ends");
            r.p = end + (r.p[1] == '?' ? 2 : 3);
        } else if (r.p[0] == '<' && r.p[1] == '/') {
            r.p += 2;
            read_name(&r, name);
            skip_space(&r);
            if (*r.p++ != '>')
                return bad(&r, "closing tag </%s without '>'", name);
            if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
                return bad(&r, "</%s> closes %s", name, depth ? stack[depth - 1] : "nothing");
            depth--;
        } else if (*r.p == '<') {
            r.p++;
            if (read_name(&r, name) == 0)
                return bad(&r, "'<' that starts no tag");
            if (depth == 0 && (roots++ > 0 || strcmp(name, root) != 0))
                return bad(&r, "<%s> where the one root <%s> was expected", name, root);
            int empty = attributes(&r);
            if (empty < 0)
                return -1;
            if (!empty) {
                if (depth == DEPTH)
                    return bad(&r, "nested too deeply");
                strcpy(stack[depth++], name);
            }
        } else if (*r.p == '&') {
            if (entity(&r) != 0)
                return -1;
        } else {
            if (depth == 0 && !isspace((unsigned char)*r.p))
                return bad(&r, "text outside the root element");
            r.p++;
        }
    }
    if (depth > 0)
        return bad(&r, "<%s> is never closed", stack[depth - 1]);
    if (roots == 0)
        return bad(&r, "no <%s> element", root);
    return 0;
}
