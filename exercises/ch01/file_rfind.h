/** @file file_rfind.h
 * @brief Exercise 1.2: Python's mmap.rfind(), in C, on a mapped file.
 */
#ifndef EX_FILE_RFIND_H
#define EX_FILE_RFIND_H

/**
 * @brief Find the last occurrence of a string in a file, searching its mapping backwards.
 * @param path The file.
 * @param needle The bytes to find (a C string; not empty).
 * @return The offset of the last occurrence; -1 if there is none (or the
 *         needle is empty); -2 with errno set if the file cannot be mapped.
 */
long long file_rfind(const char *path, const char *needle);

#endif
