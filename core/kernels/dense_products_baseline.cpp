// Eigen's products compiled for the build's own target (SSE2 in a portable x86-64 build).
#define BPS_EIGEN_NS eigen_baseline
#include "core/kernels/dense_products_eigen_impl.h"
