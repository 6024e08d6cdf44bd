# pss.gp: total Pss of all workers against their number, one line per mode.
# Run as: gnuplot -e "data='TOTALS'; out='SVG'" pss.gp  (TOTALS from totals.awk)
set terminal svg size 640,400 dynamic font "sans,12"
set output out
set title "Memory the workers cost: total Pss"
set xlabel "workers (N)"
set ylabel "total Pss (MiB)"
set logscale x 2
set xtics (1, 2, 4, 8)
set xrange [0.9:9]
set key top left
set grid
plot data using 1:($3/1024) with linespoints lw 2 pt 7 title "read: a copy each", \
     data using 1:($2/1024) with linespoints lw 2 pt 5 title "mmap: one shared copy"
