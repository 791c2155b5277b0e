#!/usr/bin/env node
// Runs an exported ONNX graph in ONNX Runtime (npm's onnxruntime-node), as a user deploying it
// would, and writes its outputs for a CSV's rows.
//
// usage: node run_onnx.js MODEL.onnx ROWS.csv OUT.csv [FEATURE...]
//
// The module is found through NODE_PATH (the tests set it to the prefix .ci/install-deps
// installs into). ROWS.csv has a header and plain comma-separated cells (no quoting). Each graph
// input is fed from the column of its name: a float input [N,1] (a raw column of numbers) gets
// NaN for a missing cell ("", NA, N/A, NaN, ?, null in any case), a string input [N,1] gets the
// cell's text as it is; a v1 graph's single input "input" [N,F] gets the columns named in the
// FEATURE arguments, in order. OUT.csv: "out0,out1,..." and one line of outputs per row, with
// 17 significant digits, then for a binary graph "label", its label output (the class index).
"use strict";

const fs = require("fs");
const ort = require("onnxruntime-node");

const MISSING = new Set(["", "?", "na", "n/a", "nan", "null"]);

function number(cell) {
    return MISSING.has(cell.trim().toLowerCase()) ? NaN : Number(cell);
}

function readCsv(path) {
    const lines = fs.readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l.length > 0);
    const header = lines[0].split(",");
    const rows = lines.slice(1).map((l) => l.split(","));
    const column = (name) => {
        const j = header.indexOf(name);
        if (j < 0) throw new Error("column '" + name + "' not in " + path);
        return rows.map((r) => r[j]);
    };
    return { rows: rows.length, column };
}

async function main() {
    const [modelPath, rowsPath, outPath, ...features] = process.argv.slice(2);
    const session = await ort.InferenceSession.create(modelPath);
    const table = readCsv(rowsPath);
    const n = table.rows;
    const feeds = {};
    for (const meta of session.inputMetadata) {
        if (meta.name === "input") {
            // v1: the features, in order, into one [N, F] matrix.
            const data = new Float32Array(n * features.length);
            features.forEach((f, j) => {
                table.column(f).forEach((cell, i) => { data[i * features.length + j] = number(cell); });
            });
            feeds.input = new ort.Tensor("float32", data, [n, features.length]);
        } else if (meta.type === "string") {
            feeds[meta.name] = new ort.Tensor("string", table.column(meta.name), [n, 1]);
        } else if (meta.type === "float32") {
            feeds[meta.name] = new ort.Tensor(
                "float32", Float32Array.from(table.column(meta.name).map(number)), [n, 1]);
        } else {
            throw new Error("input '" + meta.name + "' has type " + meta.type);
        }
    }
    const results = await session.run(feeds);
    const output = results[session.outputNames[0]];
    const width = output.dims[1];
    if (output.dims[0] !== n) throw new Error("expected " + n + " output rows");
    // A binary graph's second output, the class index at the model's threshold.
    const label = results.label;
    const lines = [Array.from({ length: width }, (_, j) => "out" + j).join(",") +
                   (label ? ",label" : "")];
    for (let i = 0; i < n; ++i) {
        const row = [];
        for (let j = 0; j < width; ++j) row.push(output.data[i * width + j].toPrecision(17));
        if (label) row.push(String(label.data[i]));
        lines.push(row.join(","));
    }
    fs.writeFileSync(outPath, lines.join("\n") + "\n");
}

main().catch((e) => {
    console.error(String(e && e.stack ? e.stack : e));
    process.exit(1);
});
