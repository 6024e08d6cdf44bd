/* fstatfs() and the /proc magic number are Linux's, so they need _GNU_SOURCE. */
#define _GNU_SOURCE
#include "mapping.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#define PROC_MAGIC 0x9fa0 /* PROC_SUPER_MAGIC in <linux/magic.h> */
#define SYSFS_MAGIC 0x62656572 /* SYSFS_MAGIC in <linux/magic.h> */
#endif

size_t page_size(void)
{
    static size_t cached;
    if (cached == 0) {
        long v = sysconf(_SC_PAGESIZE);
        cached = v > 0 ? (size_t)v : 4096;
    }
    return cached;
}

const char *file_kind(mode_t mode)
{
    if (S_ISREG(mode))  return "a regular file";
    if (S_ISDIR(mode))  return "a directory";
    if (S_ISFIFO(mode)) return "a pipe";
    if (S_ISCHR(mode))  return "a character device";
    if (S_ISBLK(mode))  return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISLNK(mode))  return "a symbolic link";
    return "an unknown kind of file";
}

/* region: check-mappable */
int check_mappable(int fd, size_t *size, const char **why)
{
    static char message[96];
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *why = strerror(errno);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(message, sizeof message, "cannot map %s: only regular files can be mapped",
                 file_kind(st.st_mode));
        *why = message;
        errno = S_ISDIR(st.st_mode) ? EISDIR : ENODEV;
        return -1;
    }
#ifdef __linux__
    /* sysfs and most of /proc make a file's contents on each read, and
     * mmap() answers only ENODEV: a sysfs file claims 4096 bytes, a /proc
     * file usually 0 (the few with a size may have their own mmap). */
    struct statfs fs;
    if (fstatfs(fd, &fs) == 0
        && (fs.f_type == SYSFS_MAGIC || (fs.f_type == PROC_MAGIC && st.st_size == 0))) {
        *why = fs.f_type == SYSFS_MAGIC
                   ? "cannot map a sysfs file: its contents are made on each read"
                   : "cannot map a /proc file: its contents are made on each read";
        errno = ENODEV;
        return -1;
    }
#endif
    if (st.st_size == 0) {
        *why = "file is empty: there is nothing to map";
        errno = EINVAL;
        return -1;
    }
    if ((uintmax_t)st.st_size > SIZE_MAX - page_size()) {
        *why = "file is too large for this address space";
        errno = EFBIG;
        return -1;
    }
    *size = (size_t)st.st_size;
    return 0;
}
/* end region: check-mappable */

/* region: map-file */
int map_file(const char *path, enum map_access access, struct mapped_file *mf,
             const char **why)
{
    memset(mf, 0, sizeof *mf);
    /* O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever
     * before we could even look at what it is. O_NOCTTY: a terminal must not
     * become our controlling terminal just because we looked at it. */
    int oflags = (access == MAP_ACCESS_SHARED ? O_RDWR : O_RDONLY)
                 | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    int fd = open(path, oflags);
    if (fd < 0) {
        *why = strerror(errno);
        return -1;
    }
    size_t size;
    if (check_mappable(fd, &size, why) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    int prot = access == MAP_ACCESS_READ ? PROT_READ : PROT_READ | PROT_WRITE;
    int flags = access == MAP_ACCESS_PRIVATE ? MAP_PRIVATE : MAP_SHARED;
    void *p = mmap(NULL, size, prot, flags, fd, 0);
    int saved = errno;
    close(fd); /* the mapping holds its own reference to the file */
    if (p == MAP_FAILED) {
        *why = strerror(saved);
        errno = saved;
        return -1;
    }
    size_t page = page_size();
    mf->data = p;
    mf->size = size;
    mf->length = (size + page - 1) / page * page;
    return 0;
}
/* end region: map-file */

int map_file_readonly(const char *path, struct mapped_file *mf, const char **why)
{
    return map_file(path, MAP_ACCESS_READ, mf, why);
}

int unmap_file(struct mapped_file *mf)
{
    int rc = 0;
    if (mf->data != NULL)
        rc = munmap(mf->data, mf->size);
    memset(mf, 0, sizeof *mf);
    return rc;
}
