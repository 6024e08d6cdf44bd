/* smaps.c: read a process's memory figures from /proc/PID/smaps and smaps_rollup. */
#include "smaps.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* region: smaps */
/* One "Key:   1234 kB" line of smaps or smaps_rollup. Private memory is the
 * pages no other mapping shares, clean or dirty; Anonymous is the pages
 * that belong to no file: a read() buffer, or a private writer's copies. */
void smaps_add_field(const char *line, struct memory *m)
{
    char key[32];
    unsigned long long kib;
    if (sscanf(line, "%31[^:]: %llu kB", key, &kib) != 2)
        return;
    if (strcmp(key, "Rss") == 0)
        m->rss_kib += kib;
    else if (strcmp(key, "Pss") == 0)
        m->pss_kib += kib;
    else if (strcmp(key, "Private_Clean") == 0 || strcmp(key, "Private_Dirty") == 0)
        m->private_kib += kib;
    else if (strcmp(key, "Anonymous") == 0)
        m->anon_kib += kib;
}

/* Sum the entry of /proc/PID/NAME whose range holds @addr. In smaps each
 * mapping has an entry headed "start-end perms offset dev inode path";
 * smaps_rollup has one entry, summed by the kernel, whose range spans every
 * mapping: any address the process maps picks it. */
int read_smaps(pid_t pid, const char *name, uintptr_t addr, struct memory *m)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, name);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    *m = (struct memory){0};
    int inside = 0, found = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long start, end;
        if (sscanf(line, "%lx-%lx ", &start, &end) == 2) /* keys never start "hex-hex" */
            found |= inside = start <= addr && addr < end;
        else if (inside)
            smaps_add_field(line, m);
    }
    fclose(f);
    if (!found)
        errno = ENOENT;
    return found ? 0 : -1;
}
/* end region: smaps */
