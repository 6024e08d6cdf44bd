#include "bytes.h"

int print_escaped(FILE *out, const unsigned char *bytes, size_t n)
{
    if (fputc('"', out) == EOF)
        return -1;
    int w = print_escaped_run(out, bytes, n);
    if (w < 0 || fputc('"', out) == EOF)
        return -1;
    return w + 2;
}

int print_escaped_run(FILE *out, const unsigned char *bytes, size_t n)
{
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = bytes[i];
        int w;
        switch (c) {
        case '\n': w = fputs("\\n", out) == EOF ? -1 : 2; break;
        case '\t': w = fputs("\\t", out) == EOF ? -1 : 2; break;
        case '\r': w = fputs("\\r", out) == EOF ? -1 : 2; break;
        case '"':  w = fputs("\\\"", out) == EOF ? -1 : 2; break;
        case '\\': w = fputs("\\\\", out) == EOF ? -1 : 2; break;
        default:
            if (c >= 0x20 && c < 0x7f)
                w = fputc(c, out) == EOF ? -1 : 1;
            else
                w = fprintf(out, "\\x%02x", c);
        }
        if (w < 0)
            return -1;
        total += w;
    }
    return total;
}
