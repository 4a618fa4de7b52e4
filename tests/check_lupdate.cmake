# cmake -DLUPDATE=<lupdate> -DSRC=<source root> -DWORK=<scratch folder> -P check_lupdate.cmake
# Runs lupdate over the GUI sources into copies of the translation files and
# checks the copies: a user-visible string added to the code but not to the .ts
# files (so never translated) fails here, not only strings left unfinished.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(GLOB ts_files ${SRC}/translations/*.ts)
foreach(f IN LISTS ts_files)
    file(COPY ${f} DESTINATION ${WORK})
endforeach()
file(GLOB copies ${WORK}/*.ts)
execute_process(COMMAND ${LUPDATE} app widgets -ts ${copies} -locations relative -no-obsolete
                WORKING_DIRECTORY ${SRC} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}):\n${out}${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -DDIR=${WORK} -P ${CMAKE_CURRENT_LIST_DIR}/check_translations.cmake
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the sources have strings the translation files lack; run\n"
                        "  lupdate app widgets -ts translations/lancet_*.ts -locations relative -no-obsolete\n"
                        "and translate them (translations/GLOSSARY.md):\n${err}")
endif()
message(STATUS "lupdate: the translation files cover every string of the sources")
