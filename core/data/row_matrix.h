#pragma once
// The matrix of a table's inputs: one row per table row, stored row-major so that a row is
// contiguous (a mini-batch gathers whole rows). Its own header so that the encoding
// (column_encoding.h) and the data set (dataset.h) can both use it without including each other.

#include <Eigen/Core>

namespace bps {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace bps
