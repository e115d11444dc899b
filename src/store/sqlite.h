// A thin RAII layer over the SQLite C API for the store: a connection and prepared statements
// whose failures come back as vigie::Error values. Internal to src/store.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "document/expected.h"

namespace vigie::store::sql {

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept {
    std::swap(db_, other.db_);
    std::swap(stmt_, other.stmt_);
    return *this;
  }
  Statement(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Resets the statement and binds `values` to ?1, ?2 ...
  Statement& reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return *this;
  }
  Statement& bind(int index, const Value& value) {
    if (std::holds_alternative<std::int64_t>(value)) {
      sqlite3_bind_int64(stmt_, index, std::get<std::int64_t>(value));
    } else if (std::holds_alternative<double>(value)) {
      sqlite3_bind_double(stmt_, index, std::get<double>(value));
    } else if (std::holds_alternative<std::string>(value)) {
      const std::string& text = std::get<std::string>(value);
      sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_null(stmt_, index);
    }
    return *this;
  }
  Statement& bind_all(const std::vector<Value>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) bind(static_cast<int>(i + 1), values[i]);
    return *this;
  }
  // Binds a string, or NULL when it is empty.
  Statement& bind_text_or_null(int index, std::string_view text) {
    if (text.empty()) return bind(index, nullptr);
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // Steps once: true when a row is available, false when done; an Error otherwise.
  Expected<bool> step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error{"sqlite", sqlite3_errmsg(db_)};
  }
  // Steps to completion (INSERT, UPDATE, DELETE).
  std::optional<Error> run() {
    for (;;) {
      auto row = step();
      if (!row) return row.error();
      if (!*row) return std::nullopt;
    }
  }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string text(int column) const {
    const unsigned char* data = sqlite3_column_text(stmt_, column);
    if (!data) return {};
    return std::string(reinterpret_cast<const char*>(data), sqlite3_column_bytes(stmt_, column));
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace vigie::store::sql
