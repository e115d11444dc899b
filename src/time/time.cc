#include "time/time.h"

#include <array>
#include <cstdio>
#include <unordered_map>

namespace vigie::time {
namespace {

const std::unordered_map<std::string, int> kWeekdays = {
    {"lundi", 0},    {"mardi", 1},   {"mercredi", 2},  {"jeudi", 3},  {"vendredi", 4},
    {"samedi", 5},   {"dimanche", 6}, {"monday", 0},   {"tuesday", 1}, {"wednesday", 2},
    {"thursday", 3}, {"friday", 4},  {"saturday", 5}, {"sunday", 6}};

const std::unordered_map<std::string, int> kRelativeDays = {
    {"hier", -1}, {"yesterday", -1}, {"avant-hier", -2}, {"aujourd'hui", 0}, {"today", 0}};

const std::unordered_map<std::string, int> kMonths = {
    {"janvier", 1},   {"février", 2},  {"fevrier", 2}, {"mars", 3},      {"avril", 4},
    {"mai", 5},       {"juin", 6},     {"juillet", 7}, {"août", 8},      {"aout", 8},
    {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12}, {"decembre", 12},
    {"january", 1},   {"february", 2}, {"march", 3},   {"april", 4},     {"may", 5},
    {"june", 6},      {"july", 7},     {"august", 8},  {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"jan.", 1},   {"feb.", 2},      {"aug.", 8},
    {"sept.", 9},     {"sep.", 9},     {"oct.", 10},   {"nov.", 11},     {"dec.", 12}};

// Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's civil calendar algorithms.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = yoe + era * 400;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp + (mp < 10 ? 3 : -9);
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int parse_day_number(const std::string& word) {
  if (word.empty() || word.size() > 2) return 0;
  for (char c : word) {
    if (c < '0' || c > '9') return 0;
  }
  int day = std::stoi(word);
  return day >= 1 && day <= 31 ? day : 0;
}

}  // namespace

std::string Date::to_string() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || std::sscanf(std::string(text.substr(0, 10)).c_str(), "%4d-%2d-%2d", &y,
                                      &m, &d) != 3) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return Date{y, m, d};
}

int weekday(const Date& date) {
  long days = days_from_civil(date.year, date.month, date.day);
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

Date add_days(const Date& date, int days) {
  return civil_from_days(days_from_civil(date.year, date.month, date.day) + days);
}

Date most_recent_weekday(const Date& reference, int target_weekday) {
  int back = (weekday(reference) - target_weekday + 7) % 7;
  return add_days(reference, -back);
}

void date_events(Document& document) {
  std::optional<Date> published = parse_iso_date(document.published);
  for (Event& event : document.events) {
    if (!published) {
      event.date.clear();
      event.date_source = "unknown: no publication date";
      continue;
    }
    const Sentence& sentence = document.sentences[event.sentence];
    std::optional<Date> found;
    std::string cue;
    std::uint32_t best_distance = UINT32_MAX;
    const std::uint32_t end = sentence.first_token + sentence.token_count;
    for (std::uint32_t t = sentence.first_token; t < end; ++t) {
      const Token& token = document.tokens[t];
      std::optional<Date> date;
      std::string this_cue;
      if (auto w = kWeekdays.find(token.folded); w != kWeekdays.end()) {
        date = most_recent_weekday(*published, w->second);
        this_cue = token.folded;
        if (t + 1 < end) {
          const std::string& next = document.tokens[t + 1].folded;
          if (next == "soir" || next == "matin" || next == "après-midi" || next == "night" ||
              next == "evening" || next == "morning") {
            this_cue += " " + next;
          }
        }
      } else if (auto r = kRelativeDays.find(token.folded); r != kRelativeDays.end()) {
        date = add_days(*published, r->second);
        this_cue = token.folded;
      } else if (auto m = kMonths.find(token.folded); m != kMonths.end()) {
        // "6 septembre" or "September 6"; the year is the publication's, or the one before when
        // that would put the date after publication.
        int day = t > sentence.first_token ? parse_day_number(document.tokens[t - 1].folded) : 0;
        if (day == 0 && t + 1 < end) day = parse_day_number(document.tokens[t + 1].folded);
        if (day == 0 || (token.folded == "may" && !document.tokens[t].capitalized)) continue;
        Date candidate{published->year, m->second, day};
        if (days_from_civil(candidate.year, candidate.month, candidate.day) >
            days_from_civil(published->year, published->month, published->day) + 31) {
          candidate.year -= 1;
        }
        date = candidate;
        this_cue = token.folded + " " + std::to_string(day);
      }
      if (!date) continue;
      std::uint32_t distance = token.span.end <= event.trigger.begin
                                   ? event.trigger.begin - token.span.end
                                   : token.span.begin - event.trigger.end;
      if (distance < best_distance) {
        best_distance = distance;
        found = date;
        cue = this_cue;
      }
    }
    if (found) {
      event.date = found->to_string();
      event.date_source = "text:" + cue;
    } else {
      event.date = published->to_string();
      event.date_source = "published";
    }
  }
}

}  // namespace vigie::time
