/** @file faults.h
 * @brief Page faults as the kernel counts them for this process (getrusage()).
 * A major fault had to wait for the page to be read from the file; a minor
 * fault found the page already in the page cache and only mapped it. The
 * difference between two readings is what the code between them cost.
 */
#ifndef CH08_FAULTS_H
#define CH08_FAULTS_H

/** Fault counters at one moment. */
struct faults {
    long major; /**< ru_majflt: faults that read from the file */
    long minor; /**< ru_minflt: faults served from memory */
};

/**
 * @brief Read this process's fault counters.
 * @param now Filled in.
 * @return 0 on success; -1 with errno set if getrusage() failed.
 */
int faults_now(struct faults *now);

/**
 * @brief The faults between two readings: @p after minus @p before.
 * @param before The earlier reading.
 * @param after The later reading.
 * @return The difference.
 */
struct faults faults_between(const struct faults *before, const struct faults *after);

#endif
