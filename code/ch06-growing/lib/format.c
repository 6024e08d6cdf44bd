/* format.c: the header and the records, encoded and checked in memory. */
#include "format.h"

#include "checksum.h"

#include <stdatomic.h>
#include <string.h>

_Static_assert(sizeof(struct log_header) == LOG_HEADER_SIZE, "the header is 64 bytes");
_Static_assert(sizeof(struct record_head) == RECORD_ALIGN, "a record head is 8 bytes");
_Static_assert(offsetof(struct log_header, committed) % 8 == 0, "committed is one aligned word");

void header_init(struct log_header *h)
{
    memset(h, 0, sizeof *h);
    memcpy(h->magic, LOG_MAGIC, sizeof h->magic);
    h->version = LOG_VERSION;
    h->header_size = LOG_HEADER_SIZE;
    h->committed = LOG_HEADER_SIZE;
}

const char *header_problem(const struct log_header *h, uint64_t committed, uint64_t file_size)
{
    if (memcmp(h->magic, LOG_MAGIC, sizeof h->magic) != 0)
        return "not a maplog file (no MAPLOG1 magic)";
    if (h->version != LOG_VERSION)
        return "unsupported maplog version (or a log from a machine of the other byte order)";
    if (h->header_size != LOG_HEADER_SIZE)
        return "damaged header: wrong header size";
    if (committed < LOG_HEADER_SIZE || committed % RECORD_ALIGN != 0)
        return "damaged header: the committed length is impossible";
    if (committed > file_size)
        return "truncated: the committed length runs past the end of the file";
    return NULL;
}

/* region: committed-word */
uint64_t header_load_committed(const struct log_header *h)
{
    /* The mapping is plain memory; the word is read as an atomic, so the
     * compiler makes one 8-byte load, ordered before the loads that follow. */
    return atomic_load_explicit((_Atomic uint64_t *)&h->committed, memory_order_acquire);
}

void header_store_committed(struct log_header *h, uint64_t committed)
{
    atomic_store_explicit((_Atomic uint64_t *)&h->committed, committed, memory_order_release);
}
/* end region: committed-word */

uint64_t record_size(uint64_t length)
{
    uint64_t n = sizeof(struct record_head) + length;
    return (n + RECORD_ALIGN - 1) / RECORD_ALIGN * RECORD_ALIGN;
}

uint32_t record_crc(const void *bytes, uint32_t length)
{
    uint32_t crc = crc32_update(0, &length, sizeof length);
    return crc32_update(crc, bytes, length);
}

void record_encode(unsigned char *dst, const void *bytes, uint32_t length)
{
    struct record_head head = { .length = length, .crc = record_crc(bytes, length) };
    uint64_t total = record_size(length);
    memcpy(dst, &head, sizeof head);
    memcpy(dst + sizeof head, bytes, length);
    memset(dst + sizeof head + length, 0, (size_t)(total - sizeof head - length));
}
