#include "core/result.h"

#include <c10/util/Exception.h>

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
// LibTorch messages carry a C++ backtrace after the first line; users need the first line.
std::string first_line(const std::string& text) {
    auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}
}  // namespace

Error error_from_current_exception() {
    try {
        throw;
    } catch (const EngineException& e) {
        return e.error();
    } catch (const std::bad_alloc&) {
        return {ErrorCode::OutOfMemory, "out of host memory"};
    } catch (const c10::Error& e) {
        std::string msg = e.what_without_backtrace();
        if (msg.find("out of memory") != std::string::npos || msg.find("OutOfMemory") != std::string::npos)
            return {ErrorCode::OutOfMemory, first_line(msg)};
        return {ErrorCode::Internal, first_line(msg)};
    } catch (const std::exception& e) {
        return {ErrorCode::Internal, first_line(e.what())};
    } catch (...) {
        return {ErrorCode::Internal, "unknown error"};
    }
}

}  // namespace lancet
