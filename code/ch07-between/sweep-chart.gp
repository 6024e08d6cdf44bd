# sweep-chart.gp: nanoseconds per increment for each sync mode, by number of processes.
# gnuplot -e "data='sweep.dat'; out='sweep.svg'" sweep-chart.gp
# data: one line per N: PROCS NONE_NS ATOMIC_NS MUTEX_NS
set terminal svg size 720,400 dynamic font "sans,12" background "white"
set output out
set termoption noenhanced
set title "One shared counter: nanoseconds per increment (median of 5 runs)"
set xlabel "processes incrementing it"
set ylabel "ns per increment (log scale)"
set logscale y
set grid ytics mytics lc rgb "#dddddd"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.75 border -1
set boxwidth 0.9
set key top left
set yrange [0.1:*]
plot data using 2:xtic(1) title "none (loses updates)" lc rgb "#b0b0b0", \
     data using 3 title "atomic" lc rgb "#4a7ab0", \
     data using 4 title "mutex" lc rgb "#c0504d"
