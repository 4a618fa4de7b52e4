// The LibTorch half of core/result.h: turns c10::Error into an Error value
// (out-of-memory kept apart, the C++ backtrace dropped). core/result.cpp is
// torch-free and asks this translator first; it is installed when the program
// starts. The anchor symbol below is named in lancet_engine's link interface
// (engine/CMakeLists.txt), so the linker keeps this object, and with it the
// installation, in every program that links the engine.
#include "core/out_of_memory.h"
#include "core/result.h"

#include <c10/util/Exception.h>

#include <new>

namespace lancet {

namespace {

std::string c10_message_first_line(const std::string& text) {
    auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

bool c10_error_is_out_of_memory(const c10::Error& e) {
    if (dynamic_cast<const c10::OutOfMemoryError*>(&e)) return true;
    // The CPU allocator throws a plain c10::Error ("DefaultCPUAllocator: not
    // enough memory: you tried to allocate ..."); older CUDA builds did too.
    const std::string msg = e.what_without_backtrace();
    for (const char* words : {"out of memory", "OutOfMemory", "not enough memory", "can't allocate memory"})
        if (msg.find(words) != std::string::npos) return true;
    return false;
}

bool translate_c10_error(const std::exception_ptr& exception, Error& out) {
    try {
        std::rethrow_exception(exception);
    } catch (const c10::Error& e) {
        const std::string msg = e.what_without_backtrace();
        out = {c10_error_is_out_of_memory(e) ? ErrorCode::OutOfMemory : ErrorCode::Internal, c10_message_first_line(msg)};
        return true;
    } catch (...) {
        return false;
    }
}

struct InstallC10Translator {
    InstallC10Translator() { set_foreign_exception_translator(&translate_c10_error); }
};
const InstallC10Translator g_install_c10_translator;

}  // namespace

bool is_out_of_memory(const std::exception& e) {
    if (const auto* c10_error = dynamic_cast<const c10::Error*>(&e)) return c10_error_is_out_of_memory(*c10_error);
    if (const auto* engine_error = dynamic_cast<const EngineException*>(&e))
        return engine_error->error().code == ErrorCode::OutOfMemory;
    return dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
}

}  // namespace lancet

extern "C" void lancet_c10_error_translation_anchor() {}
