# buffers-chart.gp: a warm scan's GB/s against read()'s buffer size, with mmap for comparison.
# gnuplot -e "data='scan-buffers.dat'; out='scan-buffers.svg'" buffers-chart.gp
# data: one line per buffer: KIB MEDIAN MIN MAX MMAP_MEDIAN
set terminal svg size 720,400 dynamic font "sans,12" background "white"
set output out
set termoption noenhanced
set title "Scanning a cached file with read(): GB/s against the buffer size"
set xlabel "read() buffer (KiB, log scale)"
set ylabel "GB/s (median, min-max bars)"
set logscale x 2
set grid ytics lc rgb "#dddddd"
set key bottom right
set yrange [0:*]
set xrange [2:2048]
plot data using 1:2:3:4 with yerrorlines lc rgb "#4a7ab0" lw 2 pt 7 title "read()", \
     data using 1:5 with lines lc rgb "#b04a4a" lw 2 dt 2 title "mmap (no buffer)"
