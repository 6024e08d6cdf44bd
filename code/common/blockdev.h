/** @file blockdev.h
 * @brief The readahead window of the disk under a file: /sys/block/DEV/queue/read_ahead_kb.
 * The kernel reads ahead of a sequential reader (and of faults in a mapping)
 * by up to this many KiB at a time. It is a property of the block device, so
 * the file's st_dev leads to it: /sys/dev/block/MAJOR:MINOR is the device,
 * and a partition's queue is its disk's.
 */
#ifndef MMF_BLOCKDEV_H
#define MMF_BLOCKDEV_H

/**
 * @brief The read_ahead_kb of the block device holding @p path.
 * @param path Any file on the device.
 * @param kib Where the value goes.
 * @return 0 on success; -1 if there is no such block device (tmpfs, a
 *         network file system, a container's overlay) or sysfs is missing.
 */
int read_ahead_kib(const char *path, long *kib);

#endif
