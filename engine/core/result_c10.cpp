// The LibTorch half of core/result.h: turns c10::Error into an Error value
// (out-of-memory kept apart, the C++ backtrace dropped). core/result.cpp is
// torch-free and asks this translator first; it is installed when the program
// starts. The anchor symbol below is named in lancet_engine's link interface
// (engine/CMakeLists.txt), so the linker keeps this object, and with it the
// installation, in every program that links the engine.
#include "core/result.h"

#include <c10/util/Exception.h>

namespace lancet {

namespace {

std::string c10_message_first_line(const std::string& text) {
    auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

bool translate_c10_error(const std::exception_ptr& exception, Error& out) {
    try {
        std::rethrow_exception(exception);
    } catch (const c10::Error& e) {
        std::string msg = e.what_without_backtrace();
        const bool oom = msg.find("out of memory") != std::string::npos || msg.find("OutOfMemory") != std::string::npos;
        out = {oom ? ErrorCode::OutOfMemory : ErrorCode::Internal, c10_message_first_line(msg)};
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

}  // namespace lancet

extern "C" void lancet_c10_error_translation_anchor() {}
