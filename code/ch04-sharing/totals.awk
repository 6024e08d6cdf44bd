# totals.awk: add up sharemap's CSV rows (run with awk -F,). For each number
# of workers and each mode: the workers' total Pss, the read/mmap ratio of
# those totals, and the copies of the file in memory, which also count the
# page cache's own copy, charged to nobody: (cache_kib + the workers'
# own_kib) / file_kib. One line per N, the header commented out so gnuplot
# can read the table as is. A run whose page cache was unknown gives "?".
#
# Columns: mode,procs,worker,rss_kib,pss_kib,private_kib,own_kib,cache_kib,file_kib,checksum
$1 == "mmap" || $1 == "read" {
    pss[$2, $1] += $5
    own[$2, $1] += $7
    cache[$2, $1] = $8
    file[$2] = $9
    seen[$2] = 1
}
function copies(n, mode) {
    if (cache[n, mode] == "" || file[n] == 0)
        return "?"
    return sprintf("%.2f", (cache[n, mode] + own[n, mode]) / file[n])
}
END {
    printf "# %5s %13s %13s %10s %12s %12s %9s\n", "procs", "mmap_pss_kib", "read_pss_kib",
           "read/mmap", "mmap_copies", "read_copies", "file_kib"
    for (n = 1; n <= 64; n++)
        if (n in seen)
            printf "%7d %13d %13d %10.2f %12s %12s %9d\n", n, pss[n, "mmap"], pss[n, "read"],
                   pss[n, "mmap"] ? pss[n, "read"] / pss[n, "mmap"] : 0,
                   copies(n, "mmap"), copies(n, "read"), file[n]
}
