/* bigalloc: where malloc() puts a small block and a large one, read from
 * /proc/self/maps: the heap for the small, a private anonymous mapping of
 * its own for the large, unmapped again by free(). */
#include "maps.h"
#include "program.h"
#include "report.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Describe the mapping that holds @p: its permissions and what it maps. */
static void where(const char *what, const void *p, struct maps_entry *e_out)
{
    struct maps_entry e = {0};
    int found = maps_find(p, &e);
    if (e_out != NULL)
        *e_out = e;
    if (found != 1) {
        printf("%-22s no mapping holds it\n", what);
        return;
    }
    printf("%-22s %s  %s\n", what, e.perms,
           e.path[0] ? e.path : "(no name: private anonymous memory, a mapping of its own)");
}

/* region: bigalloc */
static int run(void)
{
    char *small = malloc(1000);
    char *large = malloc(1 << 20);
    if (small == NULL || large == NULL) {
        report("malloc", "out of memory");
        free(small);
        free(large);
        return EXIT_FAIL;
    }
    memset(small, 1, 1000);
    memset(large, 1, 1 << 20);
    struct maps_entry block;
    where("malloc(1000)", small, NULL);
    where("malloc(1048576)", large, &block);
    free(large);
    /* The pointer is dead now; ask about the mapping's start instead. */
    where("after free(large)", (const void *)block.start, NULL);
    free(small);
    return EXIT_OK;
}
/* end region: bigalloc */

int main(int argc, char **argv)
{
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    int early = help_only_options(argc, argv,
               "malloc() a small block and a 1 MiB one, and print which line of\n"
               "/proc/self/maps holds each, and the large one again after free().\n");
    if (early >= 0)
        return early;
    return program_finish(run());
}
