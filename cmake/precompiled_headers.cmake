# Precompiled headers (BPS_PCH, on by default): Qt's, Eigen's and the standard library's headers
# are parsed once per library, and once for all the test executables of a directory, instead of
# once per file. On the 2-core machine tests/gui/tst_main_window.cpp compiled in 4.3 s with them
# against 8.8 s without (its compile command from compile_commands.json, timed alone). OFF builds
# every file from its own includes, which is how to check that a file names every header it uses.
option(BPS_PCH "Precompile the Qt, Eigen and standard library headers (faster builds)" ON)

set(BPS_PCH_STD <algorithm> <cmath> <cstdint> <functional> <map> <memory> <optional> <string>
    <string_view> <vector>)
set(BPS_PCH_CORE ${BPS_PCH_STD} <Eigen/Core>)
set(BPS_PCH_UI ${BPS_PCH_CORE} <QtWidgets> <QtCharts>)

# bps_precompile(TARGET CORE|UI): TARGET's files start from the precompiled headers of that layer.
function(bps_precompile target layer)
  if(BPS_PCH)
    target_precompile_headers(${target} PRIVATE ${BPS_PCH_${layer}})
  endif()
endfunction()

# bps_precompile_test(TARGET GUI): the first test of a directory (GUI: of those that link the
# widgets) builds the header with Qt Test; the others reuse it, so their flags must match, which
# bps_add_test gives them.
function(bps_precompile_test target gui)
  if(NOT BPS_PCH)
    return()
  endif()
  set(layer CORE)
  if(gui)
    set(layer UI)
  endif()
  string(MAKE_C_IDENTIFIER "BPS_TEST_PCH_${CMAKE_CURRENT_SOURCE_DIR}_${layer}" key)
  get_property(owner GLOBAL PROPERTY ${key})
  if(owner)
    target_precompile_headers(${target} REUSE_FROM ${owner})
  else()
    target_precompile_headers(${target} PRIVATE ${BPS_PCH_${layer}} <QtTest>)
    set_property(GLOBAL PROPERTY ${key} ${target})
  endif()
endfunction()
