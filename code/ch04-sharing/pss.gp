# pss.gp: memory against the number of workers, one line per mode.
# Run as: gnuplot -e "data='TOTALS'; out='SVG'" pss.gp  (TOTALS from totals.awk)
# Columns: procs mmap_pss read_pss read/mmap mmap_copies read_copies file_kib
# Small and in a large face, so that it stays legible on a phone; the y axis
# gives plain MiB, and each point is labelled with its value.
set terminal svg size 480,360 dynamic font "DejaVu Sans,15" background "white"
set output out
set xlabel "workers (N)"
set ylabel "MiB"
set logscale x 2
set xtics (1, 2, 4, 8)
set xrange [0.7:10]
set yrange [0:*]
set format y "%.0f"
set key top left reverse Left spacing 1.2
set grid ytics lc rgb "#dddddd"
set border 3
set xtics nomirror out
set ytics nomirror out
plot data using 1:($6*$7/1024) with linespoints lw 2 dt 2 pt 6 ps 1 lc rgb "#b0504a" title "read, with the page cache's copy", \
     data using 1:($3/1024) with linespoints lw 2 pt 7 ps 1 lc rgb "#b0504a" title "read: Pss, a copy each", \
     data using 1:($2/1024) with linespoints lw 2 pt 5 ps 1 lc rgb "#4a7ab0" title "mmap: Pss, one shared copy", \
     data using 1:($3/1024):(sprintf("%.0f", $3/1024)) with labels right offset -0.6,0.7 font "DejaVu Sans,13" notitle, \
     data using 1:($2/1024):(sprintf("%.0f", $2/1024)) with labels left offset 0.6,0.8 font "DejaVu Sans,13" notitle
