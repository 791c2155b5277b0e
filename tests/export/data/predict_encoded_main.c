/* Reads a CSV with a header (plain cells, no quoting) and predicts each row with an exported
 * header of a model with preprocessing: the columns of numbers (model_numeric_name) as doubles,
 * NaN for a missing cell; the text columns (model_categorical_name) as strings, NULL for an
 * empty cell (other missing markers are passed as text, for the header to recognise). Writes
 * one line per row: the outputs of model_predict with 17 significant digits.
 * usage: predict_encoded_main ROWS.csv OUT.csv
 * Compiled by tst_export_encoded with gcc -std=c99 -Wall -Wextra -Werror against the header. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define MAX_FIELDS 256

static int split(char *line, char *fields[MAX_FIELDS]) {
    int n = 0;
    char *p = line;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < MAX_FIELDS) {
        fields[n++] = p;
        p = strchr(p, ',');
        if (!p) break;
        *p++ = '\0';
    }
    return n;
}

static int find(char *fields[MAX_FIELDS], int n, const char *name) {
    int c;
    for (c = 0; c < n; ++c)
        if (strcmp(fields[c], name) == 0) return c;
    fprintf(stderr, "column '%s' not in the header\n", name);
    return -1;
}

/* The CSV reader's missing markers, for the numbers. */
static double number(const char *cell) {
    static const char *const markers[] = {"", "?", "NA", "na", "N/A", "n/a", "NaN", "nan", "null"};
    size_t m;
    for (m = 0; m < sizeof markers / sizeof markers[0]; ++m)
        if (strcmp(cell, markers[m]) == 0) return NAN;
    return strtod(cell, NULL);
}

int main(int argc, char **argv) {
    static char line[1 << 16];
    char *fields[MAX_FIELDS];
    int numeric[N_NUMERIC + 1], text[N_CATEGORICAL + 1];
    int i, n;
    FILE *in, *out;
    if (argc != 3) return 2;
    in = fopen(argv[1], "r");
    out = fopen(argv[2], "w");
    if (!in || !out || !fgets(line, sizeof line, in)) return 3;
    n = split(line, fields);
    for (i = 0; i < N_NUMERIC; ++i)
        if ((numeric[i] = find(fields, n, model_numeric_name(i))) < 0) return 4;
    for (i = 0; i < N_CATEGORICAL; ++i)
        if ((text[i] = find(fields, n, model_categorical_name(i))) < 0) return 4;
#if defined(MODEL_TASK_MULTICLASS)
    for (i = 0; i < N_CLASSES; ++i) fprintf(out, i ? ",out%d" : "out%d", i);
    fprintf(out, "\n");
#else
    fprintf(out, "out0\n");
#endif
    while (fgets(line, sizeof line, in)) {
        double num[N_NUMERIC + 1];
        const char *cat[N_CATEGORICAL + 1];
        if (split(line, fields) < n) continue;
        for (i = 0; i < N_NUMERIC; ++i) num[i] = number(fields[numeric[i]]);
        for (i = 0; i < N_CATEGORICAL; ++i)
            cat[i] = fields[text[i]][0] == '\0' ? NULL : fields[text[i]];
#if defined(MODEL_TASK_MULTICLASS)
        {
            double p[N_CLASSES];
            model_predict(num, cat, p);
            for (i = 0; i < N_CLASSES; ++i) fprintf(out, i ? ",%.17g" : "%.17g", p[i]);
            fprintf(out, "\n");
        }
#else
        fprintf(out, "%.17g\n", model_predict(num, cat));
#endif
    }
    fclose(in);
    return fclose(out) == 0 ? 0 : 5;
}
