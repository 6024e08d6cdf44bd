/* The three signals that interrupt a run, held back or handled. */
#include "interruptions.h"

#include <stddef.h>

static const int interruptions[] = {SIGINT, SIGTERM, SIGHUP};
enum { COUNT = sizeof interruptions / sizeof interruptions[0] };

void interruptions_hold(sigset_t *saved)
{
    sigset_t block;
    sigemptyset(&block);
    for (size_t i = 0; i < COUNT; i++)
        sigaddset(&block, interruptions[i]);
    sigprocmask(SIG_BLOCK, &block, saved);
}

void interruptions_release(const sigset_t *saved)
{
    sigprocmask(SIG_SETMASK, saved, NULL);
}

void interruptions_handle(void (*handler)(int))
{
    struct sigaction action = {.sa_handler = handler}, old;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < COUNT; i++)
        if (sigaction(interruptions[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(interruptions[i], &action, NULL);
}

void interruptions_default(const sigset_t *mask)
{
    for (size_t i = 0; i < COUNT; i++)
        signal(interruptions[i], SIG_DFL);
    sigprocmask(SIG_SETMASK, mask, NULL);
}
