# Install rules for the library: `cmake --install BUILD --component development` puts
# the static libraries, the public headers (include/jql/ only), a jqlConfig.cmake
# with the jql::jql target and a jql.pc under the prefix. The jql binary, its systemd
# unit and default config are the `server` component (cmake/package.cmake).
include(CMakePackageConfigHelpers)

set(JQL_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/jql)
# Every static library jql::jql links, in link order (a static library has no
# DT_NEEDED, so the consumer links them all).
set(JQL_LIBRARY_TARGETS jql_engine jql_store jql_parse jql_grammar jql_common)

install(TARGETS jql ${JQL_LIBRARY_TARGETS}
        EXPORT jqlTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/jql DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
        FILES_MATCHING PATTERN "*.h")
install(EXPORT jqlTargets NAMESPACE jql:: DESTINATION ${JQL_INSTALL_CMAKEDIR} COMPONENT development)

configure_package_config_file(cmake/jqlConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/jqlConfig.cmake
                              INSTALL_DESTINATION ${JQL_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/jqlConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/jqlConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/jqlConfigVersion.cmake
        DESTINATION ${JQL_INSTALL_CMAKEDIR} COMPONENT development)

# pkg-config: the libraries and what they need from the system (all static, so every
# dependency goes in Libs, not Libs.private).
set(JQL_PC_LIBS "")
foreach(lib ${JQL_LIBRARY_TARGETS})
  string(APPEND JQL_PC_LIBS " -l${lib}")
endforeach()
# Relocatable: the prefix is found from where the .pc file lies, so an install with
# --prefix or DESTDIR needs no reconfigure.
file(RELATIVE_PATH JQL_PC_TO_PREFIX /root/${CMAKE_INSTALL_LIBDIR}/pkgconfig /root)
configure_file(cmake/jql.pc.in ${CMAKE_CURRENT_BINARY_DIR}/jql.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/jql.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT development)
