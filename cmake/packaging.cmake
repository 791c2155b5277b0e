# What `cmake --install` puts beside the executable and the desktop files (app/, ui/), and the
# Debian package CPack builds from that same install tree:
#   cmake --build build && (cd build && cpack -G DEB)   ->  backprop-studio_<version>_<arch>.deb
# tests/packaging checks both trees.

# The documents. resources/htru2.csv is compiled into the app (the bundled sample), so its
# CC BY 4.0 attribution ships with every install.
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
              ${PROJECT_SOURCE_DIR}/resources/DATA-README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME backprop-studio)
set(CPACK_PACKAGE_VENDOR "Backprop Studio contributors")
set(CPACK_PACKAGE_CONTACT "Backprop Studio contributors")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# The libraries' packages come from dpkg-shlibdeps (package dpkg-dev), run on the binary.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(BPS_BUILD_GUI)
  # Loaded at run time, so dpkg-shlibdeps cannot see them: the X11/Wayland platform plugins.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
endif()
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Debian wants the long description in lines under 80 characters; CPack indents them.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "A Qt desktop application and a headless command line (backprop-studio train,"
  "predict, export, lr-find, check) for training small dense neural networks on"
  "CSV data: a live cost chart, honest metrics for imbalanced classes, a"
  "diagnosis of flat or diverging training, and exports to JSON, NumPy, ONNX, C"
  "and Python.")
include(CPack)
