#include "faults.h"

#include <sys/resource.h>

/* region: faults */
int faults_now(struct faults *now)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    *now = (struct faults){.major = ru.ru_majflt, .minor = ru.ru_minflt};
    return 0;
}
/* end region: faults */

struct faults faults_between(const struct faults *before, const struct faults *after)
{
    return (struct faults){.major = after->major - before->major,
                           .minor = after->minor - before->minor};
}
