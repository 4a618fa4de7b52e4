# cmake -DDIR=<translations folder> -P check_translations.cmake
# Fails when a translation file (every *.ts but lancet_en.ts) has a message
# marked type="unfinished" or with an empty translation / numerus form.
file(GLOB ts_files ${DIR}/*.ts)
set(checked 0)
foreach(f IN LISTS ts_files)
    get_filename_component(name ${f} NAME)
    if(name STREQUAL "lancet_en.ts")
        continue()
    endif()
    file(READ ${f} text)
    string(REGEX MATCHALL "type=\"unfinished\"" unfinished "${text}")
    list(LENGTH unfinished n_unfinished)
    string(REGEX MATCHALL "<translation[^>]*/>|<translation[^>]*></translation>|<numerusform[^>]*/>|<numerusform[^>]*></numerusform>"
           empty "${text}")
    list(LENGTH empty n_empty)
    if(n_unfinished GREATER 0 OR n_empty GREATER 0)
        message(FATAL_ERROR "${name}: ${n_unfinished} unfinished and ${n_empty} empty translations "
                            "(run lupdate, then translate them)")
    endif()
    math(EXPR checked "${checked} + 1")
endforeach()
if(checked EQUAL 0)
    message(FATAL_ERROR "no translation files in ${DIR}")
endif()
message(STATUS "${checked} translation files complete")
