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

/* The share of a cell's pages that are resident, in tenths, so that runs of
 * alike cells can be drawn as one rectangle. */
static unsigned tenths(const unsigned char *bits, size_t first, size_t pages, size_t per)
{
    size_t n = pages - first < per ? pages - first : per, in = 0;
    for (size_t i = first; i < first + n; i++)
        in += bits[i];
    return (unsigned)((in * 10 + n / 2) / n);
}

/* One row: a label, then one rectangle per run of cells that are alike,
 * darker as more of their pages are resident. */
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
    size_t cells = (s->pages + per - 1) / per;
    for (size_t cell = 0, run; cell < cells; cell += run) {
        unsigned shade = tenths(bits, cell * per, s->pages, per);
        for (run = 1; cell + run < cells && tenths(bits, (cell + run) * per, s->pages, per) == shade;)
            run++;
        fprintf(out,
                "<rect x=\"%zu\" y=\"%d\" width=\"%zu\" height=\"%d\" fill=\"#1f4e79\" "
                "fill-opacity=\"%.2f\"/>\n",
                LABEL_W + cell * CELL_W, y + 1, run * CELL_W, ROW_H - 2, 0.08 + 0.092 * shade);
    }
}

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
