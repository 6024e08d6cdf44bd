/* round.c: one round, from the first fork to the last waitpid. */
#include "round.h"

#include "mapping.h"
#include "print.h"
#include "residency.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* region: page-cache */
int page_cache_kib(const char *path, unsigned long long *kib)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int known = residency_known(fd) == 1; /* else mincore() says "all resident" */
    close(fd);
    struct mapped_file mf;
    const char *why;
    if (!known || map_file_readonly(path, &mf, &why) != 0)
        return 0;
    size_t pages;
    known = count_resident(mf.data, mf.length, &pages) == 0;
    *kib = known ? (unsigned long long)pages * (page_size() / 1024) : 0;
    unmap_file(&mf);
    return known;
}

double copies_in_memory(const struct round *r)
{
    unsigned long long own = 0;
    for (unsigned i = 0; i < r->started; i++)
        own += r->w[i].data.anon_kib;
    return (double)(r->cache_kib + own) / ((double)r->size / 1024);
}
/* end region: page-cache */

/* Block until a line or end of file arrives on stdin. */
static void hold_workers(const struct config *c)
{
    if (!c->csv)
        fprintf(c->out, "holding the workers: press Enter to let them exit\n");
    fflush(c->out);
    char ch;
    ssize_t got;
    while ((got = read(STDIN_FILENO, &ch, 1)) == 1 || (got < 0 && errno == EINTR))
        if (got == 1 && ch == '\n')
            break;
}

/* region: round */
/* One round: start the workers, let them load, (let the writer write),
 * measure them all while they hold the data, print, then reap every one. */
int run_round(const struct config *c, struct round *r)
{
    memset(r->w, 0, c->procs * sizeof *r->w);
    r->started = start_workers(c, r->mode, r->w);
    struct worker *w = r->w;
    int rc = r->started == c->procs ? collect_notes(w, 0, r->started) : -1;
    for (unsigned i = 0; i < r->started; i++)
        w[i].first_checksum = w[i].note.checksum;
    if (rc == 0 && r->mode == MODE_MMAP && c->writer == WRITER_SHARED)
        rc = command_workers(w, 0, 1, 'w') == 0 ? command_workers(w, 1, r->started, 'c') : -1;
    if (rc == 0)
        rc = measure_workers(w, r->started);
    if (rc == 0)
        rc = checksums_agree(w, r->started);
    if (rc == 0) {
        r->cache_known = page_cache_kib(c->path, &r->cache_kib);
        if (c->csv)
            print_csv(c, r);
        else
            print_table(c, r);
        if (c->hold)
            hold_workers(c);
    }
    fflush(c->out);
    if (stop_workers(w, r->started) != 0)
        rc = -1;
    return rc;
}
/* end region: round */
