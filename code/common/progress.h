/** @file progress.h
 * @brief A progress line on stderr for long runs, when a person is watching.
 *
 * A benchmark that runs for a minute in silence looks hung. progress() keeps
 * one line on stderr up to date, but only when stderr is a terminal: a run
 * whose output is captured (the book's outputs, the tests) sees nothing.
 */
#ifndef MMF_PROGRESS_H
#define MMF_PROGRESS_H

/**
 * @brief Show (or replace) the progress line, if stderr is a terminal.
 * @param fmt printf-style format of the line, without a newline.
 */
void progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * @brief Erase the progress line, if one is shown.
 */
void progress_done(void);

#endif
