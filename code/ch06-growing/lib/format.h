/** @file format.h
 * @brief The log's layout on disk: a 64-byte header, then length-prefixed, checksummed records.
 *
 * ```
 * offset 0   header: magic, version, header size, committed length
 * offset 64  record: length (4 bytes), CRC-32 (4 bytes), the bytes, zeros up to a multiple of 8
 *            record ...
 * committed  end of the last committed record; anything after it is not data
 * file size  a multiple of the growth chunk; the tail is zeros or an uncommitted append
 * ```
 *
 * Numbers are in the machine's byte order (a log moves between machines of
 * the same order; the version field reads as nonsense on the other). The
 * committed length is one aligned 8-byte word, so a single store changes it
 * and no crash can leave it half-written.
 */
#ifndef CH06_FORMAT_H
#define CH06_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* region: layout */
/** The first 64 bytes of every log. */
struct log_header {
    char magic[8];           /**< "MAPLOG1" and a NUL: this is a log. */
    uint32_t version;        /**< LOG_VERSION. */
    uint32_t header_size;    /**< Where the first record starts: LOG_HEADER_SIZE. */
    uint64_t committed;      /**< File offset just past the last committed record. */
    unsigned char spare[40]; /**< Zeros, room for later versions. */
};

/** What comes before each record's bytes. */
struct record_head {
    uint32_t length; /**< Bytes in the record, at most RECORD_MAX. */
    uint32_t crc;    /**< CRC-32 of the four length bytes, then of the record's bytes. */
};
/* end region: layout */

/** The magic, including its NUL. */
#define LOG_MAGIC "MAPLOG1"

enum {
    LOG_VERSION = 1,       /**< The only version so far. */
    LOG_HEADER_SIZE = 64,  /**< sizeof(struct log_header). */
    RECORD_ALIGN = 8,      /**< Records start at multiples of this. */
    RECORD_MAX = 65536     /**< The longest record accepted, in bytes. */
};

/**
 * @brief Fill a header for a new, empty log: nothing committed.
 * @param h The header, in ordinary memory.
 */
void header_init(struct log_header *h);

/**
 * @brief Check a header against the file it heads.
 * @param h A copy of the header.
 * @param committed The committed length, as read with header_load_committed().
 * @param file_size The file's size now.
 * @return NULL when it is sound; otherwise a sentence saying what is wrong.
 */
const char *header_problem(const struct log_header *h, uint64_t committed, uint64_t file_size);

/**
 * @brief Read the committed length, then everything it covers, in that order.
 *
 * An acquire load: the records the writer stored before it published this
 * length are visible once the length is.
 * @param h The header, inside the mapping.
 * @return The committed length.
 */
uint64_t header_load_committed(const struct log_header *h);

/**
 * @brief Publish a new committed length, after the records it covers.
 *
 * One aligned 8-byte release store: readers and crashes see the old length
 * or the new one, never a mixture.
 * @param h The header, inside the mapping.
 * @param committed The new length.
 */
void header_store_committed(struct log_header *h, uint64_t committed);

/**
 * @brief Bytes a record of @p length bytes takes in the file, head and padding included.
 * @param length The record's length.
 * @return sizeof(struct record_head) + @p length, rounded up to RECORD_ALIGN.
 */
uint64_t record_size(uint64_t length);

/**
 * @brief The CRC-32 a record of these bytes carries.
 * @param bytes The record's bytes.
 * @param length How many.
 * @return The checksum of the length's four bytes followed by the record's.
 */
uint32_t record_crc(const void *bytes, uint32_t length);

/**
 * @brief Write a whole record, head, bytes and padding, at @p dst.
 *
 * Plain stores: call it inside guard_run() when @p dst is in a mapping.
 * @param dst Where it goes: record_size(@p length) bytes.
 * @param bytes The record's bytes.
 * @param length How many, at most RECORD_MAX.
 */
void record_encode(unsigned char *dst, const void *bytes, uint32_t length);

#endif
