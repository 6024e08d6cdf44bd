# totals.awk: add up sharemap's CSV rows (run with awk -F,). For each number
# of workers, the total Pss of all workers in each mode and their ratio: one
# line per N, the header commented out so gnuplot can read the table as is.
$1 == "mmap" || $1 == "read" { pss[$2, $1] += $5; seen[$2] = 1 }
END {
    printf "# %5s %13s %13s %10s\n", "procs", "mmap_pss_kib", "read_pss_kib", "read/mmap"
    for (n = 1; n <= 64; n++)
        if (n in seen)
            printf "%7d %13d %13d %10.2f\n", n, pss[n, "mmap"], pss[n, "read"],
                   pss[n, "mmap"] ? pss[n, "read"] / pss[n, "mmap"] : 0
}
