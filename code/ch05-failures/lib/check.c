/* mapfail --check: the safe mapper's view of the same inputs. */
#include "check.h"

#include "mapping.h"
#include "report.h"

#include <stdio.h>

/* region: check */
/* What a careful program does instead: ask the safe mapper, which checks the
 * file before mmap() and says in one sentence why it will not map. */
int check_files(char *const paths[], int count)
{
    int status = EXIT_OK;
    for (int i = 0; i < count; i++) {
        struct mapped_file mf;
        const char *why;
        if (map_file_readonly(paths[i], &mf, &why) != 0) {
            report(paths[i], "%s", why);
            status = EXIT_FAIL;
        } else {
            printf("%s: mappable, %zu bytes\n", paths[i], mf.size);
            unmap_file(&mf);
        }
        fflush(stdout); /* keep the lines in order when stderr is the same file */
    }
    return status;
}
/* end region: check */
