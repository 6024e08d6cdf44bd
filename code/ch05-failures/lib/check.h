/** @file check.h
 * @brief mapfail --check: what a careful program does with the same inputs.
 */
#ifndef CH05_CHECK_H
#define CH05_CHECK_H

/**
 * @brief Ask the safe mapper whether each file can be mapped, and say so.
 *
 * A mappable file gets a line on stdout with its size; any other gets the
 * safe mapper's one-sentence reason on stderr.
 * @param paths The files.
 * @param count How many.
 * @return EXIT_OK if every file could be mapped, else EXIT_FAIL.
 */
int check_files(char *const paths[], int count);

#endif
