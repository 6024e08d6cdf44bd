/** @file names.h
 * @brief The symbolic names of errno values and signals, for messages and tables.
 *
 * strerror() gives a sentence ("No such device"); a reader looking the error
 * up in a man page needs its name (ENODEV). Both belong in a good message.
 * The same goes for a signal that ended a process (SIGBUS).
 */
#ifndef MMF_NAMES_H
#define MMF_NAMES_H

/**
 * @brief The symbolic name of an errno value.
 * @param errnum An errno value.
 * @return "ENODEV" and so on, or "errno" for a value this table does not know.
 */
const char *errno_name(int errnum);

/**
 * @brief The symbolic name of a signal.
 * @param sig A signal number.
 * @return "SIGBUS" and so on, or "signal" for one this table does not know.
 */
const char *signal_name(int sig);

#endif
