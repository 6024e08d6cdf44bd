# growth-chart.gp: appends per second against the growth chunk, one line per remap strategy.
# gnuplot -e "data='growth.dat'; out='growth.svg'" growth-chart.gp
# data: one line per chunk: KIB RESERVE MREMAP UNMAP (appends per second, medians)
set terminal svg size 720,400 dynamic font "sans,12" background "white"
set output out
set termoption noenhanced
set title "Appending 1000-byte records: median appends per second, by growth chunk"
set xlabel "growth chunk (KiB, log scale)"
set ylabel "appends per second"
set logscale x 2
set xrange [3:5500]
set xtics (4, 16, 64, 256, 1024, 4096)
set yrange [0:*]
set grid ytics lc rgb "#dddddd"
set key bottom right
plot data using 1:2 with linespoints lw 2 pt 7 lc rgb "#4a7ab0" title "reserve", \
     data using 1:3 with linespoints lw 2 pt 5 lc rgb "#d08030" title "mremap", \
     data using 1:4 with linespoints lw 2 pt 9 lc rgb "#50a050" title "unmap"
