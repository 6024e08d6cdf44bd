/** @file overcommit.h
 * @brief How large the commit cases' file must be, and what the kernel's
 *        overcommit policy answers when it is mapped writable and private.
 *
 * The kernel decides from a few numbers it also shows in /proc: RAM
 * (MemTotal), swap (SwapTotal), the ceiling of strict accounting
 * (CommitLimit) and the policy, vm.overcommit_memory. Under policy 0, the
 * default, one request for more pages than RAM and swap together is
 * refused (mm/util.c, __vm_enough_memory()); under 2, anything that would
 * take the commit charge past CommitLimit is refused, MAP_NORESERVE or not;
 * under 1 nothing is refused. The functions below take those numbers as
 * inputs, so the tests can give them any machine's.
 */
#ifndef CH05_OVERCOMMIT_H
#define CH05_OVERCOMMIT_H

#include "outcome.h"

#include <stdint.h>

/** The kernel's overcommit policies, as vm.overcommit_memory names them. */
enum overcommit_policy {
    OVERCOMMIT_UNKNOWN = -1,  /**< the policy could not be read */
    OVERCOMMIT_HEURISTIC = 0, /**< refuse one request larger than RAM and swap (default) */
    OVERCOMMIT_ALWAYS = 1,    /**< refuse nothing */
    OVERCOMMIT_NEVER = 2      /**< strict accounting against CommitLimit */
};

/** The numbers the kernel's overcommit check looks at, in bytes. */
struct memory_facts {
    uint64_t ram;          /**< MemTotal */
    uint64_t swap;         /**< SwapTotal */
    uint64_t commit_limit; /**< CommitLimit: the ceiling under policy 2 */
    int policy;            /**< vm.overcommit_memory, or OVERCOMMIT_UNKNOWN */
};

/** The smallest file the probes map: the chapter's "1 TiB". */
#define BIG_FILE_MIN ((uint64_t)1 << 40)
/** The largest they ask for: a quarter of x86-64's 128 TiB of user addresses. */
#define BIG_FILE_MAX ((uint64_t)32 << 40)

/**
 * @brief Read the kernel's policy from /proc/sys/vm/overcommit_memory.
 * @return 0, 1 or 2, or OVERCOMMIT_UNKNOWN if it cannot be read.
 */
int overcommit_mode(void);

/**
 * @brief Fill @p m from the text of /proc/meminfo and a policy.
 * @param meminfo The text, lines such as "MemTotal: 24684092 kB".
 * @param policy The policy, as overcommit_mode() returns it.
 * @param m Where the numbers go.
 * @return 0, or -1 with errno EINVAL if MemTotal, SwapTotal or CommitLimit
 *         is missing, or ERANGE if one does not fit in 64 bits as bytes.
 */
int memory_facts_parse(const char *meminfo, int policy, struct memory_facts *m);

/**
 * @brief Fill @p m from this machine's /proc/meminfo and overcommit_mode().
 * @param m Where the numbers go.
 * @return 0, or -1 with errno set.
 */
int memory_facts_read(struct memory_facts *m);

/**
 * @brief The size of the probes' sparse file: whole TiB, at least
 *        BIG_FILE_MIN, and larger than RAM and swap together and than
 *        CommitLimit, so that a writable private mapping of all of it is
 *        refused under policies 0 and 2 on any machine.
 * @param m The machine's numbers.
 * @return The size in bytes, or 0 if it would exceed BIG_FILE_MAX.
 */
uint64_t big_file_size(const struct memory_facts *m);

/**
 * @brief What mmap() of the whole file, PROT_WRITE and MAP_PRIVATE, answers.
 * @param policy The policy; OVERCOMMIT_UNKNOWN is taken as the default, 0.
 * @param noreserve 1 if the mapping asks for MAP_NORESERVE.
 * @return success under policy 1 (and under 0 with MAP_NORESERVE), else ENOMEM.
 */
struct outcome commit_expected(int policy, int noreserve);

#endif
