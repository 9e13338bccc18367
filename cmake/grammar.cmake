# grammar/Jql.g4 -> C++ lexer and parser, in the private static library jql_grammar.
#
# The ANTLR tool (Debian's antlr4, 4.7.2) needs a JRE. Where it is missing, the copy
# committed in grammar/generated/ is compiled instead; CI regenerates it and fails on
# any difference (scripts/check-generated-grammar.sh), so the copy cannot drift.

set(JQL_GRAMMAR_ARGS -Dlanguage=Cpp -no-visitor -no-listener -Werror -Xexact-output-dir
    -package jql::internal::grammar)
set(JQL_GRAMMAR_FILES JqlLexer.cpp JqlLexer.h JqlParser.cpp JqlParser.h)

find_program(JQL_ANTLR4 antlr4)
find_program(JQL_JAVA java)
if(JQL_REGENERATE_GRAMMAR STREQUAL "AUTO")
  if(JQL_ANTLR4 AND JQL_JAVA)
    set(jql_regenerate ON)
  else()
    set(jql_regenerate OFF)
  endif()
else()
  set(jql_regenerate ${JQL_REGENERATE_GRAMMAR})
endif()

if(jql_regenerate)
  set(jql_grammar_dir ${CMAKE_CURRENT_BINARY_DIR}/grammar)
  set(jql_grammar_outputs)
  foreach(f ${JQL_GRAMMAR_FILES})
    list(APPEND jql_grammar_outputs ${jql_grammar_dir}/${f})
  endforeach()
  # Run from grammar/ with a relative path so the generated files name no absolute path.
  add_custom_command(
    OUTPUT ${jql_grammar_outputs}
    COMMAND ${JQL_ANTLR4} ${JQL_GRAMMAR_ARGS} -o ${jql_grammar_dir} Jql.g4
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/grammar
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/grammar/Jql.g4
    COMMENT "ANTLR: grammar/Jql.g4")
  message(STATUS "jql: generating the parser with ${JQL_ANTLR4}")
else()
  set(jql_grammar_dir ${CMAKE_CURRENT_SOURCE_DIR}/grammar/generated)
  message(STATUS "jql: using the committed parser in grammar/generated")
endif()

add_library(jql_grammar STATIC ${jql_grammar_dir}/JqlLexer.cpp ${jql_grammar_dir}/JqlParser.cpp)
# Only src/parse/ includes these; an installed jql::jql carries none of them.
target_include_directories(jql_grammar PUBLIC $<BUILD_INTERFACE:${jql_grammar_dir}>
                                              $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src/parse/antlr_shim>)
target_include_directories(jql_grammar SYSTEM PUBLIC $<BUILD_INTERFACE:${ANTLR4_INCLUDE_DIR}>)
# ANTLR 4.7.2 writes u8"" literals, which are char8_t (not char) in C++20.
target_compile_options(jql_grammar PRIVATE -w -fno-char8_t)
target_link_libraries(jql_grammar PUBLIC antlr4_shared)
