#include "unicode/utf8.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace vigie::unicode {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

void append_utf8(std::string& out, char32_t cp) {
  utf8proc_uint8_t buffer[4];
  auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
}

std::string map_with(std::string_view input, utf8proc_option_t options) {
  utf8proc_uint8_t* result = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(input.data()),
                        static_cast<utf8proc_ssize_t>(input.size()), &result, options);
  if (n < 0) return std::string(input);  // cannot happen on repaired text; keep the input
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(result, &std::free);
  return std::string(reinterpret_cast<const char*>(result), static_cast<std::size_t>(n));
}

std::string normalise_apostrophes(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    std::size_t n = decode(text, i, &cp);
    if (cp == 0x2019 || cp == 0x02BC) {
      out.push_back('\'');
    } else {
      out.append(text, i, n);
    }
    i += n;
  }
  return out;
}

}  // namespace

std::size_t decode(std::string_view input, std::size_t pos, char32_t* code_point) {
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(input.data() + pos),
                            static_cast<utf8proc_ssize_t>(input.size() - pos), &cp);
  if (n <= 0) {
    *code_point = kReplacement;
    return 1;
  }
  *code_point = static_cast<char32_t>(cp);
  return static_cast<std::size_t>(n);
}

std::string repair_utf8(std::string_view input, std::size_t* replaced) {
  std::size_t count = 0;
  std::string out;
  out.reserve(input.size());
  for (std::size_t i = 0; i < input.size();) {
    auto byte = static_cast<unsigned char>(input[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte));
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(input.data() + i),
                              static_cast<utf8proc_ssize_t>(input.size() - i), &cp);
    if (n <= 0) {
      append_utf8(out, kReplacement);
      ++count;
      ++i;
    } else {
      out.append(input.substr(i, static_cast<std::size_t>(n)));
      i += static_cast<std::size_t>(n);
    }
  }
  if (replaced) *replaced = count;
  return out;
}

bool is_valid_utf8(std::string_view input) {
  for (std::size_t i = 0; i < input.size();) {
    if (static_cast<unsigned char>(input[i]) < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(input.data() + i),
                              static_cast<utf8proc_ssize_t>(input.size() - i), &cp);
    if (n <= 0) return false;
    i += static_cast<std::size_t>(n);
  }
  return true;
}

std::string fold(std::string_view input) {
  // Fast path for ASCII: lower-case in place.
  bool ascii = true;
  for (char c : input) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    std::string out(input);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  std::string out;
  out.reserve(input.size());
  std::string composed =
      map_with(input, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  for (std::size_t i = 0; i < composed.size();) {
    char32_t cp;
    std::size_t n = decode(composed, i, &cp);
    append_utf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
    i += n;
  }
  return normalise_apostrophes(std::move(out));
}

std::string fold_without_accents(std::string_view input) {
  std::string folded = fold(input);
  return map_with(folded, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                         UTF8PROC_STRIPMARK));
}

std::string_view trim_ascii_space(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string collapse_white_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    std::size_t n = decode(text, i, &cp);
    if (is_space(cp)) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string pad_to_width(std::string_view text, std::size_t width) {
  std::size_t points = 0;
  for (char c : text) points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  std::string out(text);
  if (points < width) out.append(width - points, ' ');
  return out;
}

std::string clip_to_width(std::string_view text, std::size_t max_points) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (points == max_points) return std::string(text.substr(0, i)) + "\u2026";
      ++points;
    }
  }
  return std::string(text);
}

bool is_letter(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
      return true;
    default:
      return false;
  }
}

bool is_digit(char32_t cp) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ND;
}

bool is_upper(char32_t cp) {
  auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

bool is_space(char32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') return true;
  auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP;
}

bool is_punctuation(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
      return true;
    default:
      return false;
  }
}

}  // namespace vigie::unicode
