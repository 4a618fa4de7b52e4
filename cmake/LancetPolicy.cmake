# One compile policy shared by every target.
#
# lancet_policy      : C++ standard, warnings, sanitizers (everything, engine included)
# lancet_qt_policy   : lancet_policy + strict Qt defines (only Qt targets)

add_library(lancet_policy INTERFACE)
target_compile_features(lancet_policy INTERFACE cxx_std_17)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(lancet_policy INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wno-unused-parameter>)

if(LANCET_SANITIZE STREQUAL "thread")
    # ThreadSanitizer for the engine thread, the bridge and the GUI thread. Qt
    # and LibTorch are not instrumented, so TSan cannot see the synchronisation
    # of Qt's event queue and reports every handoff through it
    # (docs/reliability.md says what a run shows); run with OMP_NUM_THREADS=1
    # and OPENBLAS_NUM_THREADS=1, whose thread pools it cannot see either.
    target_compile_options(lancet_policy INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
    target_link_options(lancet_policy INTERFACE -fsanitize=thread)
elseif(LANCET_SANITIZE)
    # LibTorch itself is not instrumented; its own allocations are invisible to
    # ASan, which is what we want: we check Lancet's code, not LibTorch's.
    target_compile_options(lancet_policy INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                   -fno-sanitize=vptr)
    target_link_options(lancet_policy INTERFACE -fsanitize=address,undefined)
endif()

if(LANCET_FUZZ)
    # libFuzzer needs clang; every Lancet source gets coverage instrumentation
    # (fuzzer-no-link) and the sanitizers, the fuzz binaries add libFuzzer's main.
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "LANCET_FUZZ needs clang: configure with CXX=clang++ (packaging/fuzz.sh does)")
    endif()
    target_compile_options(lancet_policy INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
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

# Every target that includes LibTorch pays ~30 s per translation unit for its
# headers. lancet_torch_target() puts such a target on the cheap path: its
# sources compile in unity batches, and it reuses one precompiled header built
# once for the whole build (lancet_pch, engine/CMakeLists.txt).
function(lancet_torch_target target)
    # One code model for all of them: GCC ignores a PCH built with -fPIC in a
    # -fPIE compile (CMake's flag for position-independent executables) and
    # silently re-parses the headers. Executables therefore compile with -fPIC
    # too (valid for a PIE link).
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
        set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE OFF)
        target_compile_options(${target} PRIVATE -fPIC)
    else()
        set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    endif()
    if(LANCET_UNITY_BUILD)
        set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE BATCH
                                                   UNITY_BUILD_BATCH_SIZE ${LANCET_UNITY_BATCH_SIZE})
        # In a batch no source is the "main file", so GCC warns about every
        # anonymous-namespace type held by a named one; alone each file is fine.
        target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Wno-subobject-linkage>)
    endif()
    if(LANCET_USE_PCH)
        target_precompile_headers(${target} REUSE_FROM lancet_pch)
    endif()
endfunction()
