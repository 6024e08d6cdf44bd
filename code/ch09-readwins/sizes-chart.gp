# sizes-chart.gp: whole-file scans of small to large files, read() against mmap.
# gnuplot -e "data='scan-sizes.dat'; out='scan-sizes.svg'" sizes-chart.gp
# data: one line per file: BYTES READ_1M_GBPS MMAP_GBPS MMAP_POPULATE_GBPS
set terminal svg size 720,400 dynamic font "sans,12" background "white"
set output out
set termoption noenhanced
set title "Scanning a whole cached file: GB/s against the file's size (medians)"
set xlabel "file size (log scale)"
set ylabel "GB/s"
set logscale x 2
set xrange [3000:22000000]
set xtics ("4K" 4096, "16K" 16384, "64K" 65536, "256K" 262144, "1M" 1048576, "4M" 4194304, "16M" 16777216)
set grid ytics lc rgb "#dddddd"
set key top left
set yrange [0:*]
plot data using 1:2 with linespoints lc rgb "#4a7ab0" lw 2 pt 7 title "read(), 1 MiB buffer", \
     data using 1:3 with linespoints lc rgb "#b04a4a" lw 2 pt 5 title "mmap", \
     data using 1:4 with linespoints lc rgb "#4ab04a" lw 2 pt 9 title "mmap + MAP_POPULATE"
