// The torch-free half of core/result.h (lancet_core): error names and the
// conversion of exceptions to Error values. LibTorch's c10::Error is handled
// by the translator core/result_c10.cpp installs in every program that links
// the engine; programs without the engine (lancet_tokenizer_tests) never see one.
#include "core/result.h"

#include <atomic>
#include <new>

namespace lancet {

const char* error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument: return "invalid_argument";
        case ErrorCode::InvalidFile: return "invalid_file";
        case ErrorCode::NotFound: return "not_found";
        case ErrorCode::Unsupported: return "unsupported";
        case ErrorCode::Cancelled: return "cancelled";
        case ErrorCode::OutOfMemory: return "out_of_memory";
        case ErrorCode::Io: return "io";
        case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

namespace {

std::atomic<ForeignExceptionTranslator> g_foreign_translator{nullptr};

// Library messages can carry a C++ backtrace after the first line; users need the first line.
std::string first_line(const std::string& text) {
    auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

}  // namespace

void set_foreign_exception_translator(ForeignExceptionTranslator translator) { g_foreign_translator.store(translator); }

Error error_from_current_exception() {
    const std::exception_ptr current = std::current_exception();
    try {
        std::rethrow_exception(current);
    } catch (const EngineException& e) {
        return e.error();
    } catch (const std::bad_alloc&) {
        return {ErrorCode::OutOfMemory, "out of host memory"};
    } catch (...) {
    }
    // Before std::exception: LibTorch's errors derive from it but need their own handling.
    if (const ForeignExceptionTranslator translate = g_foreign_translator.load()) {
        Error out;
        if (translate(current, out)) return out;
    }
    try {
        std::rethrow_exception(current);
    } catch (const std::exception& e) {
        return {ErrorCode::Internal, first_line(e.what())};
    } catch (...) {
        return {ErrorCode::Internal, "unknown error"};
    }
}

}  // namespace lancet
