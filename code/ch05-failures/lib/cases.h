/** @file cases.h
 * @brief mapfail's cases: what each tries, what this book says happens, and why.
 *
 * A case has a name ("empty") and, when it has several rows, one variant
 * per row ("length-0", "touch"); its label is "empty/length-0". Code and
 * tests find a case by its label, never by its place in the table.
 */
#ifndef CH05_CASES_H
#define CH05_CASES_H

#include "outcome.h"
#include "probes.h"

#include <stddef.h>

/* region: case */
/** One row of mapfail's table. */
struct failure_case {
    const char *name;        /**< the case, as named on the command line */
    const char *variant;     /**< which of its rows, or NULL for a one-row case */
    const char *tried;       /**< what the probe does, in words */
    struct outcome expected; /**< what this book says the kernel does by default */
    const char *lesson;      /**< what to take from it, in a line */
    probe_fn *probe;         /**< the experiment, run in a child */
    /** For a row whose answer follows vm.overcommit_memory: the answer under
     *  each policy (0 gives @c expected). NULL for every other row. */
    struct outcome (*expected_under)(int policy);
};
/* end region: case */

/**
 * @brief What a row should give on a machine with this overcommit policy.
 * @param c The row.
 * @param policy The policy, as overcommit_mode() returns it.
 * @return c->expected, or c->expected_under(policy) for a row that has it.
 */
struct outcome case_expected(const struct failure_case *c, int policy);

/**
 * @brief How many rows the table has.
 * @return The number of rows.
 */
size_t case_count(void);

/**
 * @brief A row of the table, in the order mapfail prints them.
 * @param i The row, from 0 to case_count() - 1.
 * @return The row, or NULL when @p i is out of range.
 */
const struct failure_case *case_at(size_t i);

/**
 * @brief The row with this label.
 * @param label "pipe", "empty/touch" and so on.
 * @return The row, or NULL if no row has that label.
 */
const struct failure_case *find_case(const char *label);

/**
 * @brief A row's label: its name, then "/" and its variant if it has one.
 * @param c The row.
 * @param text Where the label goes, always NUL-terminated.
 * @param size The size of @p text.
 */
void case_label(const struct failure_case *c, char *text, size_t size);

/**
 * @brief Whether a name from the command line selects this row.
 * @param c The row.
 * @param name A case ("empty", every row of it) or a label ("empty/touch").
 * @return 1 if it does, else 0.
 */
int case_selected(const struct failure_case *c, const char *name);

/**
 * @brief Whether a name from the command line selects any row.
 * @param name A case or a label.
 * @return 1 if it does, else 0.
 */
int name_known(const char *name);

#endif
