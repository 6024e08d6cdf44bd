/** @file fold_reference.h
 * @brief Chapter 9's checksum written again from the prose, for tests to check the programs against.
 */
#ifndef TEST_FOLD_REFERENCE_H
#define TEST_FOLD_REFERENCE_H

#include <stddef.h>
#include <stdint.h>

/**
 * @brief The checksum as chapter 9 defines it: 64-bit little-endian words,
 *        word i adds (word XOR i * 0x9e3779b97f4a7c15), a last partial word padded with zeros.
 *
 * Assembled byte by byte, as a different program would, so it shares no code
 * with the fold it checks.
 * @param d The bytes.
 * @param size How many.
 * @return The sum.
 */
uint64_t fold_reference(const unsigned char *d, size_t size);

#endif
