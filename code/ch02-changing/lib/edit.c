#include "edit.h"

#include "parse.h"
#include "report.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

int edit_init(struct edit *e, const char *path, const char *offset_text, const char *text)
{
    *e = (struct edit){
        .path = path,
        .offset_text = offset_text,
        .text = (const unsigned char *)text,
        .length = strlen(text),
        .sync = 1,
    };
    if (parse_u64(offset_text, UINT64_MAX, &e->offset) != 0) {
        report(offset_text, "%s", parse_error(errno));
        return EXIT_USAGE;
    }
    if (e->length == 0) {
        report("TEXT", "is empty: there is nothing to write");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* region: fits */
/* An edit through a mapping can only overwrite bytes the file already has:
 * a store past the end of the file lands in the last page's tail, which is
 * not part of the file, or raises SIGBUS beyond it. So refuse it here. */
int check_fits(const struct edit *e, size_t size)
{
    if (e->offset >= size) {
        report(e->offset_text, "offset out of range for a %zu-byte file", size);
        return -1;
    }
    if (e->length > size - (size_t)e->offset) {
        report(e->path, "%zu bytes at offset %" PRIu64 " do not fit in a %zu-byte file:"
               " a mapping cannot make a file longer", e->length, e->offset, size);
        return -1;
    }
    return 0;
}
/* end region: fits */

struct window window_around(const struct edit *e, size_t size)
{
    size_t offset = (size_t)e->offset;
    size_t after = size - offset - e->length; /* bytes after the edit */
    return (struct window){
        .start = offset > EDIT_CONTEXT ? offset - EDIT_CONTEXT : 0,
        .end = after > EDIT_CONTEXT ? offset + e->length + EDIT_CONTEXT : size,
    };
}
