/** @file checksum.h
 * @brief CRC-32, the checksum that tells a whole record from a torn one.
 *
 * A record written halfway when its writer died holds a length and some of
 * its bytes; the rest are whatever the file held before. A checksum over the
 * length and the bytes tells the two apart. CRC-32 (the one zlib, gzip and
 * Ethernet use) catches every error burst of up to 32 bits and all but one
 * in four billion of the rest, and any language can recompute it.
 */
#ifndef CH06_CHECKSUM_H
#define CH06_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/**
 * @brief Continue a CRC-32 over @p n more bytes.
 * @param crc 0 to start, or what the previous call returned.
 * @param data The bytes.
 * @param n How many.
 * @return The CRC-32 of everything so far: crc32_update(0, "123456789", 9) is 0xCBF43926.
 */
uint32_t crc32_update(uint32_t crc, const void *data, size_t n);

#endif
