/* The commit cases' numbers: this machine's memory, its overcommit policy,
 * how large a file outdoes both, and what the policy answers. */
#include "overcommit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int overcommit_mode(void)
{
    FILE *f = fopen("/proc/sys/vm/overcommit_memory", "r");
    int mode = OVERCOMMIT_UNKNOWN;
    if (f != NULL) {
        if (fscanf(f, "%d", &mode) != 1 || mode < 0 || mode > 2)
            mode = OVERCOMMIT_UNKNOWN;
        fclose(f);
    }
    return mode;
}

/* One "Key: N kB" line's value in bytes, if @p line is that key's. */
static int meminfo_field(const char *line, const char *key, uint64_t *bytes, int *seen)
{
    size_t n = strlen(key);
    if (strncmp(line, key, n) != 0 || line[n] != ':')
        return 0;
    unsigned long long kib;
    if (sscanf(line + n + 1, "%llu kB", &kib) != 1)
        return 0;
    if (kib > UINT64_MAX / 1024)
        return -1;
    *bytes = (uint64_t)kib * 1024;
    *seen = 1;
    return 0;
}

int memory_facts_parse(const char *meminfo, int policy, struct memory_facts *m)
{
    *m = (struct memory_facts){.policy = policy};
    int ram = 0, swap = 0, limit = 0;
    for (const char *line = meminfo; line != NULL && *line != '\0';) {
        if (meminfo_field(line, "MemTotal", &m->ram, &ram) != 0
            || meminfo_field(line, "SwapTotal", &m->swap, &swap) != 0
            || meminfo_field(line, "CommitLimit", &m->commit_limit, &limit) != 0) {
            errno = ERANGE;
            return -1;
        }
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    if (!ram || !swap || !limit) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

int memory_facts_read(struct memory_facts *m)
{
    FILE *f = fopen("/proc/meminfo", "r");
    if (f == NULL)
        return -1;
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    int failed_read = ferror(f);
    fclose(f);
    if (failed_read) {
        errno = EIO;
        return -1;
    }
    text[n] = '\0';
    return memory_facts_parse(text, overcommit_mode(), m);
}

/* region: big-file-size */
uint64_t big_file_size(const struct memory_facts *m)
{
    uint64_t limit = m->ram > UINT64_MAX - m->swap ? UINT64_MAX : m->ram + m->swap;
    if (m->commit_limit > limit)
        limit = m->commit_limit;
    if (limit >= BIG_FILE_MAX)
        return 0; /* no room in the address space to ask for more */
    /* The kernel refuses only more than the limit: the next whole TiB above it. */
    return (limit / BIG_FILE_MIN + 1) * BIG_FILE_MIN;
}
/* end region: big-file-size */

struct outcome commit_expected(int policy, int noreserve)
{
    if (policy == OVERCOMMIT_ALWAYS)
        return success("");
    if (policy == OVERCOMMIT_NEVER || !noreserve)
        return failed(ENOMEM);
    return success("");
}
