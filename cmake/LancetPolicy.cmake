# One compile policy shared by every target.
#
# lancet_policy      : C++ standard, warnings, sanitizers (everything, engine included)
# lancet_qt_policy   : lancet_policy + strict Qt defines (only Qt targets)

add_library(lancet_policy INTERFACE)
target_compile_features(lancet_policy INTERFACE cxx_std_17)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(lancet_policy INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wno-unused-parameter>)

if(LANCET_SANITIZE)
    # LibTorch itself is not instrumented; its own allocations are invisible to
    # ASan, which is what we want: we check Lancet's code, not LibTorch's.
    target_compile_options(lancet_policy INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                   -fno-sanitize=vptr)
    target_link_options(lancet_policy INTERFACE -fsanitize=address,undefined)
endif()

add_library(lancet_qt_policy INTERFACE)
target_link_libraries(lancet_qt_policy INTERFACE lancet_policy)
target_compile_definitions(lancet_qt_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    QT_USE_QSTRINGBUILDER)
