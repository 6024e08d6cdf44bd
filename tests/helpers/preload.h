/** @file preload.h
 * @brief Whether shrink.so can reach a program's mmap(): not under AddressSanitizer.
 *
 * A program built with -fsanitize=address wants its sanitizer runtime first
 * in the list of libraries, and refuses to start when LD_PRELOAD puts
 * shrink.so before it ("ASan runtime does not come first"). Preloading the
 * runtime too does not help: the sanitizer's own mmap() interceptor then
 * never reaches shrink.so, so the file is not truncated. The test suites are
 * built with the same flags as the programs, so a suite can tell.
 */
#ifndef TEST_PRELOAD_H
#define TEST_PRELOAD_H

#if defined(__SANITIZE_ADDRESS__)
#define SHRINK_WORKS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHRINK_WORKS 0
#endif
#endif
#ifndef SHRINK_WORKS
/** 1 where LD_PRELOAD=$SHRINK truncates a file after our programs map it. */
#define SHRINK_WORKS 1
#endif

/**
 * @brief Skip the calling test, with a message, where shrink.so cannot work.
 *
 * A macro, because cmocka's skip() must be called from the test itself.
 */
#define SKIP_WITHOUT_SHRINK()                                                            \
    do {                                                                                 \
        if (!SHRINK_WORKS) {                                                             \
            print_message("skipped: shrink.so cannot be preloaded before ASan's runtime\n"); \
            skip();                                                                      \
        }                                                                                \
    } while (0)

#endif
