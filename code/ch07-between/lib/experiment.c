/* The counting experiment: runs, workers, and what they leave in the counter. */
#include "experiment.h"
#include "measure.h"
#include "workers.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

/* region: count-worker */
static int count_worker(void *arg, unsigned index)
{
    const struct experiment *e = arg;
    if (e->kill_holder && index == 0) {
        /* Half the work, then take the lock and die holding it. */
        if (counter_add(e->counter, SYNC_MUTEX, e->iters / 2) != 0 || counter_lock(e->counter) != 0)
            return 1;
        raise(SIGKILL);
    }
    return counter_add(e->counter, e->mode, e->iters) == 0 ? 0 : 1;
}
/* end region: count-worker */

/* Every worker exited 0, except worker 0 killed by SIGKILL when it was told to die. */
static int check_workers(const struct experiment *e, const int statuses[], struct outcome *out)
{
    for (unsigned i = 0; i < e->procs; i++) {
        int planned = e->kill_holder && i == 0;
        int s = statuses[i];
        if (planned && WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL)
            continue;
        if (!planned && WIFEXITED(s) && WEXITSTATUS(s) == 0)
            continue;
        if (WIFSIGNALED(s))
            snprintf(out->why, sizeof out->why, "worker %u: killed by signal %d", i, WTERMSIG(s));
        else
            snprintf(out->why, sizeof out->why, "worker %u: exit status %d", i, WEXITSTATUS(s));
        out->failed = 1;
        return -1;
    }
    return 0;
}

int experiment_run(const struct experiment *e, struct outcome *out)
{
    double ns[EXPERIMENT_MAX_RUNS];
    memset(out, 0, sizeof *out);
    out->expected = (uint64_t)e->procs * e->iters;
    out->unfinished = e->kill_holder ? e->iters - e->iters / 2 : 0;
    out->count = out->expected;
    for (unsigned run = 0; run < e->runs; run++) {
        counter_reset(e->counter);
        int statuses[WORKERS_MAX];
        double elapsed;
        if (workers_run(e->procs, count_worker, (void *)e, statuses, &elapsed) != 0)
            return -1;
        if (check_workers(e, statuses, out) != 0)
            return 0;
        uint64_t count = counter_value(e->counter, e->mode);
        out->counts[out->runs++] = count;
        if (run == 0 || count < out->count)
            out->count = count;
        /* If the killed holder's lock was still dead when the others had
         * finished, we are the next locker: the repair happens here. */
        if (e->kill_holder && counter_lock(e->counter) == 0)
            pthread_mutex_unlock(&e->counter->lock);
        out->repairs += atomic_load(&e->counter->repairs);
        ns[run] = elapsed / (double)out->expected;
    }
    out->lost = out->count <= out->expected ? out->expected - out->count : 0;
    out->ns_per_increment = median(ns, e->runs);
    return 0;
}
