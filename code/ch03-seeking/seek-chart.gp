# seek-chart.gp: median time per variant, log scale, with the min-max range.
# gnuplot -e "data='seek.dat'; out='seek.svg'" seek-chart.gp
# data: one line per variant: NAME MEDIAN_MS MIN_MS MAX_MS
# One bar per variant, lying down, so the names read across and the chart
# stays legible on a phone; each median is written as a plain number to the
# right of its min-max bar, never on it.
set terminal svg size 480,340 dynamic font "DejaVu Sans,15" background "white"
set output out
set termoption noenhanced  # variant names contain underscores, not subscripts
stats data using 3 nooutput
lo = 10 ** floor(log10(STATS_min))
n = STATS_records
stats data using 4 nooutput
hi = STATS_max * 4
plain(v) = v >= 100 ? sprintf("%.0f", v) : v >= 10 ? sprintf("%.1f", v) : \
           v >= 1 ? sprintf("%.2f", v) : sprintf("%.3f", v)
set xlabel "milliseconds per run (log scale)"
set logscale x
set format x "%g"
set xrange [lo:hi]
set yrange [n - 0.5:-0.5]
set grid xtics lc rgb "#dddddd"
set style fill solid 0.75 border -1
set key off
set ytics nomirror scale 0
set xtics nomirror
set border 1
set lmargin 16
set rmargin 2
plot data using 2:0:(lo):2:($0 - 0.32):($0 + 0.32):ytic(1) with boxxyerror lc rgb "#4a7ab0", \
     data using 2:0:3:4 with xerrorbars lc rgb "#222222" pt 0, \
     data using ($4 * 1.3):0:(plain($2)) with labels left font "DejaVu Sans,14"
