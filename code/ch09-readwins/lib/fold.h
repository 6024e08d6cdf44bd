/** @file fold.h
 * @brief The checksum every scan computes: cheap enough that the scan, not the loop, sets the pace.
 * The file is read as 64-bit words (in the machine's byte order). Word i (counting from the
 * start of the file) adds (word XOR i * 0x9e3779b97f4a7c15) to a 64-bit sum. Addition is
 * commutative, so pieces of the file can be folded in any order, by any
 * thread, and their sums added; the XOR with the word's spread index makes the sum
 * depend on where each word is, so a variant that reads the right bytes at
 * the wrong offset cannot agree by accident. A last partial word is padded
 * with zero bytes.
 */
#ifndef CH09_FOLD_H
#define CH09_FOLD_H

#include <stddef.h>
#include <stdint.h>

/**
 * @brief Fold @p n bytes that start at byte @p offset of the file.
 * @param bytes The bytes.
 * @param n How many; only the last piece of a file may hold a number that is
 *          not a multiple of 8.
 * @param offset Where @p bytes start in the file: a multiple of 8.
 * @return This piece's contribution; the file's checksum is the sum (modulo
 *         2^64) of its pieces' contributions.
 */
uint64_t fold(const unsigned char *bytes, size_t n, uint64_t offset);

#endif
