/* Reads a CSV with a header, finds the model's features by name (model_feature_name) and writes
 * one line per row: the outputs of model_predict with 17 significant digits, then the predicted
 * class label for classification. usage: predict_main ROWS.csv OUT.csv
 * Compiled by tst_export with gcc -std=c99 -Wall -Wextra -Werror against the exported header. */
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

int main(int argc, char **argv) {
    static char line[1 << 16];
    char *fields[MAX_FIELDS];
    int column[N_FEATURES];
    int f, n, c;
    FILE *in, *out;
    if (argc != 3) return 2;
    in = fopen(argv[1], "r");
    out = fopen(argv[2], "w");
    if (!in || !out || !fgets(line, sizeof line, in)) return 3;
    n = split(line, fields);
    for (f = 0; f < N_FEATURES; ++f) {
        column[f] = -1;
        for (c = 0; c < n; ++c)
            if (strcmp(fields[c], model_feature_name(f)) == 0) column[f] = c;
        if (column[f] < 0) {
            fprintf(stderr, "feature '%s' not in the header\n", model_feature_name(f));
            return 4;
        }
    }
#if defined(MODEL_TASK_MULTICLASS)
    for (c = 0; c < N_CLASSES; ++c) fprintf(out, "out%d,", c);
    fprintf(out, "label\n");
#elif defined(MODEL_TASK_BINARY)
    fprintf(out, "out0,label\n");
#else
    fprintf(out, "out0\n");
#endif
    while (fgets(line, sizeof line, in)) {
        double x[N_FEATURES];
        if (split(line, fields) < n) continue;
        for (f = 0; f < N_FEATURES; ++f) x[f] = strtod(fields[column[f]], NULL);
#if defined(MODEL_TASK_MULTICLASS)
        {
            double p[N_CLASSES];
            int best = 0;
            model_predict(x, p);
            for (c = 0; c < N_CLASSES; ++c) {
                fprintf(out, "%.17g,", p[c]);
                if (p[c] > p[best]) best = c;
            }
            fprintf(out, "%s\n", model_class_name(best));
        }
#elif defined(MODEL_TASK_BINARY)
        {
            const double p = model_predict(x);
            fprintf(out, "%.17g,%s\n", p, model_class_name(model_predict_class(x)));
        }
#else
        fprintf(out, "%.17g\n", model_predict(x));
#endif
    }
    fclose(in);
    return fclose(out) == 0 ? 0 : 5;
}
