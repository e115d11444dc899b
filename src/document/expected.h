// A value-or-error result for library boundaries (errors are values, not exceptions).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace vigie {

// What went wrong, said so that a user can act: which input, and why.
struct Error {
  std::string where;    // the input or file at fault ("examples/a.txt", "verbs.fr.yaml:12")
  std::string message;  // the reason ("not valid JSON: unexpected end of input")
  bool warning = false;  // the input was still processed (e.g. invalid UTF-8 repaired)
  std::string to_string() const { return where.empty() ? message : where + ": " + message; }
};

template <typename T>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Expected(Error error) : state_(std::move(error)) {}    // NOLINT: implicit by design
  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace vigie
