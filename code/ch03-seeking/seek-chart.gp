# seek-chart.gp: median time per variant, log scale, with the min-max range.
# gnuplot -e "data='seek.dat'; out='seek.svg'" seek-chart.gp
# data: one line per variant: NAME MEDIAN_MS MIN_MS MAX_MS
set terminal svg size 720,400 dynamic font "sans,12" background "white"
set output out
set termoption noenhanced  # variant names contain underscores, not subscripts
set title "The article's seek pattern, eight ways: median of the timed runs, with min and max"
set ylabel "milliseconds per run (log scale)"
set logscale y
set grid ytics mytics lc rgb "#dddddd"
set style fill solid 0.75 border -1
set boxwidth 0.6
set key off
set xtics nomirror rotate by -20
set yrange [*:*]
set offsets 0.5, 0.5, 0, 0
plot data using 0:2:xtic(1) with boxes lc rgb "#4a7ab0", \
     data using 0:2:3:4 with yerrorbars lc rgb "#222222" pt 0, \
     data using 0:($2*1.35):(sprintf("%.3g", $2)) with labels font "sans,10"
