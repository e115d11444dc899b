// Publication dates as pages and feeds write them -> YYYY-MM-DD. Numeric dates (ISO 8601,
// "2021/09/06", URL paths "/2021/09/06/", day-first "06.09.2021") and written dates in French,
// English and German
// ("6 septembre 2021", "1er octobre 2021", "Sept. 6, 2021", "Monday, 6 September 2021",
// RFC 822 "Mon, 06 Sep 2021 10:00:00 GMT", "6. September 2021").
// Linear scans only: these functions see whole meta values and page text (a fuzzer feeds
// them), where std::regex would be slow and can exhaust the stack.
#include <array>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "unicode/utf8.h"

namespace vigie::ingest {
namespace {

constexpr int kMinYear = 1900, kMaxYear = 2100;
// Separators allowed between the parts of a written date ("6 Sep, 2021", "Sept. 6, 2021"):
// at most this many bytes of spaces and punctuation.
constexpr std::size_t kMaxDateGapBytes = 4;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string format_date(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    return {};
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

// Month names and abbreviations (folded, accents stripped: "août" -> "aout") -> 1..12.
struct MonthName {
  const char* name;
  int month;
};
constexpr MonthName kMonthNames[] = {
    // English
    {"january", 1},
    {"jan", 1},
    {"february", 2},
    {"feb", 2},
    {"march", 3},
    {"mar", 3},
    {"april", 4},
    {"apr", 4},
    {"may", 5},
    {"june", 6},
    {"jun", 6},
    {"july", 7},
    {"jul", 7},
    {"august", 8},
    {"aug", 8},
    {"september", 9},
    {"sept", 9},
    {"sep", 9},
    {"october", 10},
    {"oct", 10},
    {"november", 11},
    {"nov", 11},
    {"december", 12},
    {"dec", 12},
    // French
    {"janvier", 1},
    {"janv", 1},
    {"fevrier", 2},
    {"fevr", 2},
    {"fev", 2},
    {"mars", 3},
    {"avril", 4},
    {"avr", 4},
    {"mai", 5},
    {"juin", 6},
    {"juillet", 7},
    {"juil", 7},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"decembre", 12},
    // German (most of the htmldate evaluation pages)
    {"januar", 1},
    {"janner", 1},
    {"februar", 2},
    {"marz", 3},
    {"maerz", 3},
    {"juni", 6},
    {"juli", 7},
    {"oktober", 10},
    {"okt", 10},
    {"dezember", 12},
    {"dez", 12}};

int month_number(std::string_view folded) {
  for (const MonthName& entry : kMonthNames) {
    if (folded == entry.name) return entry.month;
  }
  return 0;
}

// Ordinal suffixes glued to a day number: "1er", "1st", "2nd", "3rd", "6th", "2e".
bool is_ordinal_suffix(std::string_view folded) {
  return folded == "er" || folded == "re" || folded == "st" || folded == "nd" || folded == "rd" ||
         folded == "th" || folded == "e" || folded == "eme";
}

struct Token {
  std::string_view text;  // as written
  bool number = false;
  bool glued = false;          // no separator before it (the "er" of "1er")
  bool near_previous = false;  // at most kMaxDateGapBytes of spaces/punctuation before it
};

bool is_gap_char(char c) {
  return c == ' ' || c == ',' || c == '.' || c == '\t' || c == '\n' || c == '\r' || c == '-';
}

// Numbers and words of `text`, in order. A word is a run of ASCII letters or non-ASCII bytes
// (UTF-8 letters such as é, û, ä stay whole); anything else separates tokens.
std::vector<Token> date_tokens(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t gap_start = 0;
  bool gap_clean = true;  // the gap holds only spaces and light punctuation
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    bool digit = is_digit(c);
    bool letter =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (static_cast<unsigned char>(c) >= 0x80);
    if (!digit && !letter) {
      if (!is_gap_char(c)) gap_clean = false;
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() &&
           (digit ? is_digit(text[i])
                  : ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z') ||
                     static_cast<unsigned char>(text[i]) >= 0x80))) {
      ++i;
    }
    Token token;
    token.text = text.substr(start, i - start);
    token.number = digit;
    token.glued = start == gap_start && !tokens.empty();
    token.near_previous = gap_clean && start - gap_start <= kMaxDateGapBytes;
    tokens.push_back(token);
    gap_start = i;
    gap_clean = true;
  }
  return tokens;
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool is_day(const Token& token) {
  return token.number && token.text.size() <= 2 && to_int(token.text) >= 1 &&
         to_int(token.text) <= 31;
}
bool is_year(const Token& token) {
  return token.number && token.text.size() == 4 && to_int(token.text) >= kMinYear &&
         to_int(token.text) <= kMaxYear;
}

// The folded word, with a no-break space (U+00A0, bytes C2 A0) at either end removed.
std::string fold_word(std::string_view word) {
  while (word.size() >= 2 && word.substr(0, 2) == "\xC2\xA0") word.remove_prefix(2);
  while (word.size() >= 2 && word.substr(word.size() - 2) == "\xC2\xA0") {
    word.remove_suffix(2);
  }
  return unicode::fold_without_accents(word);
}

}  // namespace

std::string find_written_date(std::string_view text) {
  std::vector<Token> tokens = date_tokens(text);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    // Day first: "6 septembre 2021", "1er octobre 2021", "06 Sep 2021", "6. September 2021".
    if (is_day(tokens[i])) {
      std::size_t j = i + 1;
      if (j < tokens.size() && tokens[j].glued && !tokens[j].number &&
          is_ordinal_suffix(fold_word(tokens[j].text))) {
        ++j;
      }
      if (j + 1 < tokens.size() && !tokens[j].number && tokens[j].near_previous &&
          tokens[j + 1].near_previous && is_year(tokens[j + 1])) {
        if (int month = month_number(fold_word(tokens[j].text))) {
          std::string date = format_date(to_int(tokens[j + 1].text), month, to_int(tokens[i].text));
          if (!date.empty()) return date;
        }
      }
    }
    // Month first: "September 6, 2021", "Sept. 6, 2021", "Nov 19th 2019".
    if (!tokens[i].number && i + 2 < tokens.size() && is_day(tokens[i + 1]) &&
        tokens[i + 1].near_previous) {
      int month = month_number(fold_word(tokens[i].text));
      if (month == 0) continue;
      std::size_t j = i + 2;
      if (tokens[j].glued && !tokens[j].number && is_ordinal_suffix(fold_word(tokens[j].text))) {
        ++j;
      }
      if (j < tokens.size() && tokens[j].near_previous && is_year(tokens[j])) {
        std::string date = format_date(to_int(tokens[j].text), month, to_int(tokens[i + 1].text));
        if (!date.empty()) return date;
      }
    }
  }
  return {};
}

std::string normalise_date(std::string_view value) {
  // Numeric first: YYYY sep M sep D, sep one of - / . (ISO 8601, URL paths).
  for (std::size_t i = 0; i + 4 <= value.size(); ++i) {
    if (i > 0 && is_digit(value[i - 1])) continue;
    std::size_t p = i;
    while (p < value.size() && p - i < 4 && is_digit(value[p])) ++p;
    if (p - i != 4 || p >= value.size()) continue;
    char separator = value[p];
    if (separator != '-' && separator != '/' && separator != '.') continue;
    std::size_t month_start = ++p;
    while (p < value.size() && p - month_start < 2 && is_digit(value[p])) ++p;
    if (p == month_start || p >= value.size() || value[p] != separator) continue;
    std::size_t day_start = ++p;
    while (p < value.size() && p - day_start < 2 && is_digit(value[p])) ++p;
    if (p == day_start) continue;
    std::string date = format_date(to_int(value.substr(i, 4)),
                                   to_int(value.substr(month_start, day_start - 1 - month_start)),
                                   to_int(value.substr(day_start, p - day_start)));
    if (!date.empty()) return date;
  }
  // Day first with dots: D.M.YYYY ("02.01.2022", German and most of Europe). Slashes are left
  // alone: "02/01/2022" is 2 January in Europe and February 1 in the United States.
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!is_digit(value[i]) || (i > 0 && is_digit(value[i - 1]))) continue;
    std::size_t p = i;
    while (p < value.size() && p - i < 2 && is_digit(value[p])) ++p;
    if (p >= value.size() || value[p] != '.') continue;
    std::size_t month_start = ++p;
    while (p < value.size() && p - month_start < 2 && is_digit(value[p])) ++p;
    if (p == month_start || p >= value.size() || value[p] != '.') continue;
    std::size_t year_start = ++p;
    while (p < value.size() && p - year_start < 4 && is_digit(value[p])) ++p;
    if (p - year_start != 4 || (p < value.size() && is_digit(value[p]))) continue;
    std::string date = format_date(to_int(value.substr(year_start, 4)),
                                   to_int(value.substr(month_start, year_start - 1 - month_start)),
                                   to_int(value.substr(i, month_start - 1 - i)));
    if (!date.empty()) return date;
  }
  return find_written_date(value);
}

}  // namespace vigie::ingest
