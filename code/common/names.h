/** @file names.h
 * @brief The symbolic names of errno values, for messages and tables.
 *
 * strerror() gives a sentence ("No such device"); a reader looking the error
 * up in a man page needs its name (ENODEV). Both belong in a good message.
 */
#ifndef MMF_NAMES_H
#define MMF_NAMES_H

/**
 * @brief The symbolic name of an errno value.
 * @param errnum An errno value.
 * @return "ENODEV" and so on, or "errno" for a value this table does not know.
 */
const char *errno_name(int errnum);

#endif
