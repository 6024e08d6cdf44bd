# pss.gp: memory against the number of workers, one line per mode.
# Run as: gnuplot -e "data='TOTALS'; out='SVG'" pss.gp  (TOTALS from totals.awk)
# Columns: procs mmap_pss read_pss read/mmap mmap_copies read_copies file_kib
set terminal svg size 640,400 dynamic font "sans,12"
set output out
set title "Memory holding the file: what the workers are charged, and all of it"
set xlabel "workers (N)"
set ylabel "MiB"
set logscale x 2
set xtics (1, 2, 4, 8)
set xrange [0.9:9]
set key top left
set grid
plot data using 1:($6*$7/1024) with linespoints lw 2 dt 2 pt 6 title "read: in memory, with the page cache's copy", \
     data using 1:($3/1024) with linespoints lw 2 pt 7 title "read: total Pss, a copy each", \
     data using 1:($2/1024) with linespoints lw 2 pt 5 title "mmap: total Pss, one shared copy"
