// Eigen's products compiled with -mavx2 -mfma (see core/CMakeLists.txt); only called on CPUs
// that have both (dense_products.cpp checks).
//
// Eigen's templates are instantiated here with AVX2 code under the same names the rest of the
// program uses for its SSE2 instantiations; the linker would keep one of each and could hand
// AVX2 code to an old CPU, or SSE2 code to this file. Renaming Eigen's namespace for this one
// translation unit gives its instantiations names of their own. Nothing else may include Eigen
// here, and no Eigen type crosses this file's interface (plain pointers only).
#define Eigen bps_eigen_avx2
#define BPS_EIGEN_NS eigen_avx2
#include "core/kernels/dense_products_eigen_impl.h"
