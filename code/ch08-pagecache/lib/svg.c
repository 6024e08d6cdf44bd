#include "svg.h"

#include "strip.h"

#include <stdio.h>

enum { CELLS = 128, CELL_W = 5, ROW_H = 14, LABEL_W = 150, TOP = 30 };

/* Text for the document, with the five characters XML reserves escaped. */
static void put_text(FILE *out, const char *text)
{
    for (; *text != '\0'; text++) {
        switch (*text) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default: fputc(*text, out);
        }
    }
}

/* One row: a label, then a cell per group of pages, darker as more of the
 * group is resident. */
static void put_row(FILE *out, const struct snapshots *s, size_t row, size_t per)
{
    const unsigned char *bits = s->bits + row * s->pages;
    int y = TOP + (int)row * ROW_H;
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_W - 6, y + ROW_H - 3);
    if (s->label[row] != NULL)
        put_text(out, s->label[row]);
    else
        fprintf(out, "%zu touched", s->touched[row]);
    fputs("</text>\n", out);
    for (size_t first = 0, cell = 0; first < s->pages; first += per, cell++) {
        size_t n = s->pages - first < per ? s->pages - first : per, in = 0;
        for (size_t i = first; i < first + n; i++)
            in += bits[i];
        fprintf(out,
                "<rect x=\"%zu\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#1f4e79\" "
                "fill-opacity=\"%.2f\"/>\n",
                LABEL_W + cell * CELL_W, y + 1, CELL_W, ROW_H - 2, 0.08 + 0.92 * in / n);
    }
}

/* region: svg */
int svg_write(FILE *out, const struct snapshots *s, const char *title)
{
    size_t per = strip_pages_per_cell(s->pages, CELLS);
    size_t cells = (s->pages + per - 1) / per;
    int width = LABEL_W + (int)cells * CELL_W + 10;
    int height = TOP + (int)s->rows * ROW_H + 24;
    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n<title>",
            width, height, width, height);
    put_text(out, title);
    fputs("</title>\n<text x=\"4\" y=\"16\" font-weight=\"bold\">", out);
    put_text(out, title);
    fputs("</text>\n", out);
    for (size_t row = 0; row < s->rows; row++)
        put_row(out, s, row, per);
    fprintf(out,
            "<text x=\"%d\" y=\"%d\">file offset 0 \xe2\x86\x92 end; one cell = %zu pages; "
            "dark = in the page cache</text>\n</svg>\n",
            LABEL_W, height - 8, per);
    return ferror(out) ? -1 : 0;
}
/* end region: svg */
