/* Exercise 9.2: Words across threads
 * Hint 1: Count each word once, at the place where it starts: what makes byte i the start of a word?
 * Hint 2: Byte i starts a word when it is not a space and byte i - 1 is one (or i is 0); byte i - 1 may lie in the previous thread's slice: look at it anyway.
 * Hint 3: Give each of the T pthreads a struct with its [start, end) and a count; pthread_create() them all, pthread_join() them all, and add up the counts.
 *
 * Write count_words(): cut [0, size) into `threads` slices, start one
 * pthread per slice, and have each count the word starts inside its slice
 * (a start is a non-space byte whose previous byte, wherever it lies, is a
 * space, or which is byte 0). Join every thread and add up their counts.
 */
#include "wordcount.h"

#include <pthread.h>

struct part {
    const unsigned char *data;
    size_t start, end, words;
};

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

static void *count_part(void *arg)
{
    struct part *p = arg;
    size_t words = 0;
    for (size_t i = p->start; i < p->end; i++)
        if (!is_space(p->data[i]) && (i == 0 || is_space(p->data[i - 1])))
            words++;
    p->words = words;
    return NULL;
}

size_t count_words(const unsigned char *data, size_t size, unsigned threads)
{
    if (threads < 1 || threads > 64)
        return (size_t)-1;
    struct part parts[64];
    pthread_t ids[64];
    size_t per = size / threads + 1, total = 0;
    unsigned started = 0;
    int failed = 0;
    for (unsigned t = 0; t < threads; t++) {
        size_t start = t * per < size ? t * per : size;
        size_t end = start + per < size ? start + per : size;
        parts[t] = (struct part){data, start, end, 0};
        if (pthread_create(&ids[t], NULL, count_part, &parts[t]) != 0) {
            failed = 1;
            break;
        }
        started++;
    }
    for (unsigned t = 0; t < started; t++) {
        pthread_join(ids[t], NULL);
        total += parts[t].words;
    }
    return failed ? (size_t)-1 : total;
}
