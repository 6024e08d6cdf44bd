/* Reading /proc/self/maps. */
#include "maps.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Copy as much of @src as fits; a long path is cut, never overflows. */
static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* "start-end perms offset dev inode   path": the path starts after the
 * inode and the spaces that align it. */
static int parse_line(const char *line, struct maps_entry *e)
{
    int path_at = 0;
    if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %4s %*s %*s %*s %n", &e->start, &e->end,
               e->perms, &path_at) < 3)
        return -1;
    copy_text(e->path, sizeof e->path, line + path_at);
    copy_text(e->line, sizeof e->line, line);
    return 0;
}

int maps_find(const void *addr, struct maps_entry *e)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (f == NULL)
        return -1;
    char line[4096];
    int found = 0;
    while (!found && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        struct maps_entry candidate;
        if (parse_line(line, &candidate) == 0 && (uintptr_t)addr >= candidate.start &&
            (uintptr_t)addr < candidate.end) {
            *e = candidate;
            found = 1;
        }
    }
    fclose(f);
    return found;
}
