// Errors as values at the engine boundary.
//
// Inside engine/ code may throw (LibTorch does); every public engine entry
// point that can fail returns Expected<T> and converts exceptions with
// lancet::capture(), so nothing throws across into the CLI or the GUI thread.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace lancet {

enum class ErrorCode {
    InvalidArgument,  // the caller asked for something impossible (empty prompt, bad layer)
    InvalidFile,      // a file exists but its contents are malformed or hostile
    NotFound,         // a file, tensor or token that must exist does not
    Unsupported,      // valid but not handled (architecture, dtype)
    Cancelled,        // the user cancelled; not a failure
    OutOfMemory,      // host or device allocation failed
    Io,               // reading or writing a file failed (disk full, permissions, a read-only folder)
    Internal,         // a bug or an unexpected library error
};

const char* error_code_name(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;

    // Prepends context ("loading layer 12: ...") the way each layer of the
    // engine adds what it was doing when the error passed through it.
    Error with_context(const std::string& context) const { return {code, context + ": " + message}; }
};

// Thrown inside the engine; converted to Error by capture().
class EngineException : public std::runtime_error {
public:
    explicit EngineException(Error error) : std::runtime_error(error.message), error_(std::move(error)) {}
    const Error& error() const { return error_; }

private:
    Error error_;
};

[[noreturn]] inline void fail(ErrorCode code, const std::string& message) { throw EngineException(Error{code, message}); }

template <class T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : data_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
    Expected(Error error) : data_(std::move(error)) {}     // NOLINT(google-explicit-constructor)

    bool ok() const { return data_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return check(), std::get<0>(data_); }
    const T& value() const& { return check(), std::get<0>(data_); }
    T&& value() && { return check(), std::get<0>(std::move(data_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    // By value: a reference into a temporary Expected would dangle in a range-for.
    T operator*() && { return std::move(*this).value(); }

    const Error& error() const { return std::get<1>(data_); }

private:
    void check() const {
        if (!ok()) throw EngineException(std::get<1>(data_));
    }
    std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Expected<void> {
public:
    Expected() = default;
    Expected(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return error_; }
    // Throws the error (as Expected<T>::value() does), for code inside capture().
    void value() const {
        if (!ok_) throw EngineException(error_);
    }

private:
    Error error_;
    bool ok_ = true;
};

// Converts whatever an engine operation throws into an Error value:
// EngineException keeps its code; allocation failures (host or CUDA) become
// OutOfMemory; everything else becomes Internal with the library's message.
Error error_from_current_exception();

// core/result.cpp is torch-free (it is linked by lancet_tokenizer, which must
// build and test without LibTorch), so LibTorch's own exception type is
// recognised by a translator the engine installs (core/result_c10.cpp). It
// returns true and fills `out` when it knows the exception.
using ForeignExceptionTranslator = bool (*)(const std::exception_ptr& exception, Error& out);
void set_foreign_exception_translator(ForeignExceptionTranslator translator);

template <class F>
auto capture(F&& body) -> Expected<decltype(body())> {
    try {
        if constexpr (std::is_void_v<decltype(body())>) {
            body();
            return {};
        } else {
            return body();
        }
    } catch (...) {
        return error_from_current_exception();
    }
}

}  // namespace lancet
