// UTF-8 helpers over utf8proc: repair, case folding, and code point classes.
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vigie::unicode {

// Returns `input` with every invalid or truncated UTF-8 sequence replaced by U+FFFD.
// `replaced`, when given, receives the number of replacements made (0 for valid input).
std::string repair_utf8(std::string_view input, std::size_t* replaced = nullptr);

// True when `input` is valid UTF-8.
bool is_valid_utf8(std::string_view input);

// Lower-cased, NFC-composed form used for dictionary look-ups. Typographic apostrophes
// (U+2019, U+02BC) become ASCII "'" so that "d’avoir" and "d'avoir" fold alike.
std::string fold(std::string_view input);

// The same as fold(), then stripped of combining accents ("États" -> "etats").
std::string fold_without_accents(std::string_view input);

// Decodes the code point starting at `input[pos]`. Returns its length in bytes (>= 1) and
// stores the code point in `*code_point` (U+FFFD for an invalid byte, length 1).
std::size_t decode(std::string_view input, std::size_t pos, char32_t* code_point);

// White space runs (any Unicode space, newlines included) become one ASCII space; leading and
// trailing space is dropped.
std::string collapse_white_space(std::string_view input);

// `s` without the ASCII spaces, tabs, carriage returns and line feeds at its ends.
std::string_view trim_ascii_space(std::string_view s);

// `s` with ASCII letters lower-cased and every other byte kept (header names, tag names).
std::string ascii_lower(std::string_view s);

// Column helpers for text tables, counting code points rather than bytes.
std::string pad_to_width(std::string_view input, std::size_t width);        // right-padded
std::string clip_to_width(std::string_view input, std::size_t max_points);  // "…" when clipped

bool is_letter(char32_t code_point);
bool is_digit(char32_t code_point);
bool is_upper(char32_t code_point);
bool is_space(char32_t code_point);  // includes no-break and narrow no-break spaces
bool is_punctuation(char32_t code_point);

}  // namespace vigie::unicode
