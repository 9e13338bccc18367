# The `server` install component and the Debian packages.
#   cpack -G DEB --config BUILD/CPackConfig.cmake
# makes jql_VERSION_ARCH.deb (the jql binary, a systemd unit, /etc/default/jql and the
# sample data) and libjql-dev_VERSION_ARCH.deb (the development component of
# cmake/install.cmake). Package dependencies come from dpkg-shlibdeps.
install(TARGETS jql_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
install(FILES packaging/jql.service DESTINATION lib/systemd/system COMPONENT server)
install(DIRECTORY data/sample/ DESTINATION ${CMAKE_INSTALL_DATADIR}/jql/sample COMPONENT server)
install(FILES README.md docs/server.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT server)
# The settings' template; the package's postinst copies it to /etc/default/jql when
# there is none (and purge removes it), so no install rule writes outside the prefix.
install(FILES packaging/jql.default DESTINATION ${CMAKE_INSTALL_DATADIR}/jql RENAME jql.default
        COMPONENT server)

set(CPACK_PACKAGE_NAME jql)
set(CPACK_PACKAGE_VENDOR "jql")
set(CPACK_PACKAGE_CONTACT "jql maintainers <jql@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "JQL engine and Jira-compatible issue archive server")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME jql)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libjql-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
    "libantlr4-runtime-dev, libboost-json1.81-dev, libstemmer-dev")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SHLIBDEPS OFF)
set(CPACK_COMPONENT_SERVER_DESCRIPTION
    "JQL engine and Jira-compatible archive server\n The jql command (validate, explain, select, serve) and a systemd unit\n that serves POST /rest/api/3/issue/archive and Jira's search API.")
set(CPACK_COMPONENT_DEVELOPMENT_DESCRIPTION
    "JQL parser, binder and engine (static library and headers)\n find_package(jql) gives jql::jql; pkg-config jql gives the flags.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/postinst
    ${PROJECT_SOURCE_DIR}/packaging/prerm ${PROJECT_SOURCE_DIR}/packaging/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
