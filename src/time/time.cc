#include "time/time.h"

#include <array>
#include <cctype>
#include <cstdlib>
#include <regex>
#include <vector>
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

namespace {

// A date expression found in a sentence, resolved against the publication date.
struct DateCue {
  Date date;
  std::string precision;  // "day", "week", "month"
  std::string text;       // for Event::date_source
  std::uint32_t begin = 0, end = 0;  // bytes in the sentence's field
};

const std::unordered_map<std::string, int> kNumberWords = {
    {"un", 1},     {"une", 1},   {"deux", 2},  {"trois", 3},  {"quatre", 4}, {"cinq", 5},
    {"six", 6},    {"sept", 7},  {"huit", 8},  {"neuf", 9},   {"dix", 10},   {"one", 1},
    {"a", 1},      {"two", 2},   {"three", 3}, {"four", 4},   {"five", 5},   {"seven", 7},
    {"eight", 8},  {"nine", 9},  {"ten", 10}};

// English month abbreviations written without their dot ("Sept 6"); "sept" is French for 7.
const std::unordered_map<std::string, int> kEnglishMonthAbbreviations = {
    {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
    {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}};

long day_number(const Date& d) { return days_from_civil(d.year, d.month, d.day); }

bool valid_date(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1]) return false;
  return civil_from_days(days_from_civil(y, m, d)).day == d;  // 29 February of common years
}

// A day-month without a year takes the publication's year, or the one before when that would put
// it more than a month after publication (a January article about "December 28").
int year_for(const Date& published, int month, int day) {
  if (days_from_civil(published.year, month, std::min(day, 28)) > day_number(published) + 31) {
    return published.year - 1;
  }
  return published.year;
}

int number_at(const std::vector<Token>& tokens, std::uint32_t t, std::uint32_t end) {
  if (t >= end) return 0;
  const std::string& w = tokens[t].folded;
  if (auto it = kNumberWords.find(w); it != kNumberWords.end()) return it->second;
  if (w.empty() || w.size() > 2 || !std::isdigit(static_cast<unsigned char>(w[0]))) return 0;
  return std::atoi(w.c_str());
}

void add_cue(std::vector<DateCue>& cues, const Date& date, const char* precision, std::string text,
             const Token& first, const Token& last) {
  cues.push_back({date, precision, std::move(text), first.span.begin, last.span.end});
}

// Every date expression of one sentence.
std::vector<DateCue> find_date_cues(const Document& document, const Sentence& sentence,
                                    const Date& published) {
  std::vector<DateCue> cues;
  const std::vector<Token>& tokens = document.tokens;
  const std::uint32_t begin = sentence.first_token, end = sentence.first_token + sentence.token_count;
  const bool english = document.lang == "en";
  auto word = [&](std::uint32_t t) -> const std::string& {
    static const std::string kNone;
    return t >= begin && t < end ? tokens[t].folded : kNone;
  };
  for (std::uint32_t t = begin; t < end; ++t) {
    const std::string& w = tokens[t].folded;
    // "nuit de samedi à dimanche", "night of Saturday to Sunday": the first day of the night.
    if ((w == "nuit" || w == "night") && (word(t + 1) == "de" || word(t + 1) == "of")) {
      auto first = kWeekdays.find(word(t + 2));
      auto second = kWeekdays.find(word(t + 4));
      if (first != kWeekdays.end() && second != kWeekdays.end() &&
          (word(t + 3) == "à" || word(t + 3) == "au" || word(t + 3) == "to")) {
        Date last_day = most_recent_weekday(published, second->second);
        add_cue(cues, add_days(last_day, -((second->second - first->second + 7) % 7)), "day",
                "nuit de " + word(t + 2) + " à " + word(t + 4), tokens[t], tokens[t + 4]);
        t += 4;
        continue;
      }
    }
    if (auto wd = kWeekdays.find(w); wd != kWeekdays.end()) {
      std::string text = w;
      std::uint32_t last = t;
      const std::string& next = word(t + 1);
      if (next == "soir" || next == "matin" || next == "après-midi" || next == "night" ||
          next == "evening" || next == "morning" || next == "afternoon") {
        text += " " + next;
        last = t + 1;
      }
      add_cue(cues, most_recent_weekday(published, wd->second), "day", text, tokens[t], tokens[last]);
      continue;
    }
    if (auto r = kRelativeDays.find(w); r != kRelativeDays.end()) {
      add_cue(cues, add_days(published, r->second), "day", w, tokens[t], tokens[t]);
      continue;
    }
    // "il y a trois jours", "il y a deux semaines"
    if (w == "il" && word(t + 1) == "y" && word(t + 2) == "a") {
      int n = number_at(tokens, t + 3, end);
      const std::string& unit = word(t + 4);
      if (n > 0 && (unit == "jours" || unit == "jour")) {
        add_cue(cues, add_days(published, -n), "day", "il y a " + word(t + 3) + " " + unit, tokens[t], tokens[t + 4]);
      } else if (n > 0 && (unit == "semaines" || unit == "semaine")) {
        add_cue(cues, add_days(published, -7 * n), "week", "il y a " + word(t + 3) + " " + unit, tokens[t], tokens[t + 4]);
      }
      continue;
    }
    // "three days ago", "two weeks ago"
    if (word(t + 2) == "ago") {
      int n = number_at(tokens, t, end);
      const std::string& unit = word(t + 1);
      if (n > 0 && (unit == "days" || unit == "day")) {
        add_cue(cues, add_days(published, -n), "day", w + " " + unit + " ago", tokens[t], tokens[t + 2]);
      } else if (n > 0 && (unit == "weeks" || unit == "week")) {
        add_cue(cues, add_days(published, -7 * n), "week", w + " " + unit + " ago", tokens[t], tokens[t + 2]);
      }
      continue;
    }
    // Weeks: "plus tôt dans la semaine", "earlier this week", "cette semaine", "this week" are
    // the publication's week (dated its Monday); "la semaine dernière", "last week" the one before.
    if (w == "semaine" || w == "week") {
      const Date monday = most_recent_weekday(published, 0);
      bool last = word(t + 1) == "dernière" || word(t - 1) == "last" || word(t - 1) == "past";
      bool current = word(t - 1) == "cette" || word(t - 1) == "this" ||
                     (word(t - 1) == "la" && word(t - 2) == "dans");
      if (last) {
        add_cue(cues, add_days(monday, -7), "week", word(t - 1) == "last" ? "last week" : "la semaine dernière",
                tokens[t - (word(t - 1) == "last" ? 1 : 0)], tokens[t]);
      } else if (current) {
        add_cue(cues, monday, "week", word(t - 1) == "la" ? "plus tôt dans la semaine" : word(t - 1) + " " + w,
                tokens[t - 1], tokens[t]);
      }
      continue;
    }
    // Months: "le mois dernier", "last month", "ce mois-ci", "this month".
    if (w == "mois" && word(t + 1) == "dernier") {
      Date first{published.year, published.month, 1};
      Date previous = add_days(first, -1);
      add_cue(cues, {previous.year, previous.month, 1}, "month", "le mois dernier", tokens[t], tokens[t + 1]);
      continue;
    }
    if (w == "month" && word(t - 1) == "last") {
      Date previous = add_days(Date{published.year, published.month, 1}, -1);
      add_cue(cues, {previous.year, previous.month, 1}, "month", "last month", tokens[t - 1], tokens[t]);
      continue;
    }
    // Explicit dates: "6 septembre", "1er septembre 2021", "September 6, 2021", "Sept. 6",
    // "in September" (month precision).
    int month = 0;
    if (auto m = kMonths.find(w); m != kMonths.end()) month = m->second;
    if (english && tokens[t].capitalized) {
      std::string bare = w;
      if (!bare.empty() && bare.back() == '.') bare.pop_back();
      if (auto m = kEnglishMonthAbbreviations.find(bare); m != kEnglishMonthAbbreviations.end()) {
        month = m->second;
      }
    }
    if (month == 0 || (w == "may" && !tokens[t].capitalized) || (w == "mars" && english)) continue;
    std::uint32_t first = t, last = t;
    int day = 0;
    if (t > begin) {
      std::string before = word(t - 1);
      if (before == "1er") before = "1";
      day = before.size() <= 2 && !before.empty() && std::isdigit(static_cast<unsigned char>(before[0]))
                ? std::atoi(before.c_str()) : 0;
      if (day) first = t - 1;
    }
    if (day == 0) {
      std::uint32_t at = word(t + 1) == "." ? t + 2 : t + 1;
      const std::string& after = word(at);
      if (!after.empty() && after.size() <= 2 && std::isdigit(static_cast<unsigned char>(after[0]))) {
        day = std::atoi(after.c_str());
        last = at;
      }
    }
    int year = 0;
    for (std::uint32_t y = last + 1; y <= last + 2 && y < end; ++y) {
      const std::string& next = word(y);
      if (next == ",") continue;
      if (next.size() == 4 && std::isdigit(static_cast<unsigned char>(next[0]))) {
        year = std::atoi(next.c_str());
        last = y;
      }
      break;
    }
    if (day == 0) {
      // A month alone is a cue only with a preposition or a year ("en septembre", "in May 2021").
      const std::string& before = word(t - 1);
      if (year == 0 && before != "en" && before != "in" && before != "début" && before != "fin") continue;
      if (year == 0) year = year_for(published, month, 1);
      add_cue(cues, {year, month, 1}, "month", w + (year ? " " + std::to_string(year) : ""), tokens[first], tokens[last]);
      continue;
    }
    if (year == 0) year = year_for(published, month, day);
    if (!valid_date(year, month, day)) continue;
    add_cue(cues, {year, month, day}, "day", w + " " + std::to_string(day), tokens[first], tokens[last]);
  }
  // Numeric dates in the text: "2021-09-06", and "6/9/2021", day first in French, month first
  // in English.
  const std::string& text = document.field_text(sentence.field);
  static const std::regex kNumeric(R"((\d{4})-(\d{2})-(\d{2})|\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b)");
  const auto sentence_begin = text.begin() + sentence.span.begin;
  const auto sentence_end = text.begin() + sentence.span.end;
  for (std::sregex_iterator it(sentence_begin, sentence_end, kNumeric), stop; it != stop; ++it) {
    const std::smatch& m = *it;
    int y, mo, d;
    if (m[1].matched) {
      y = std::stoi(m[1]); mo = std::stoi(m[2]); d = std::stoi(m[3]);
    } else {
      int a = std::stoi(m[4]), b = std::stoi(m[5]);
      y = std::stoi(m[6]);
      if (y < 100) y += 2000;
      d = english ? b : a;
      mo = english ? a : b;
    }
    if (!valid_date(y, mo, d)) continue;
    auto at = static_cast<std::uint32_t>(m.position(0)) + sentence.span.begin;
    cues.push_back({Date{y, mo, d}, "day", m.str(0), at, at + static_cast<std::uint32_t>(m.length(0))});
  }
  return cues;
}

}  // namespace

void date_events(Document& document) {
  std::optional<Date> published = parse_iso_date(document.published);
  std::vector<std::vector<DateCue>> cues_by_sentence(document.sentences.size());
  std::vector<bool> searched(document.sentences.size(), false);
  for (Event& event : document.events) {
    if (!published) {
      event.date.clear();
      event.date_precision.clear();
      event.date_source = "unknown: no publication date";
      continue;
    }
    if (!searched[event.sentence]) {
      cues_by_sentence[event.sentence] =
          find_date_cues(document, document.sentences[event.sentence], *published);
      searched[event.sentence] = true;
    }
    const DateCue* best = nullptr;
    std::uint32_t best_distance = UINT32_MAX;
    for (const DateCue& cue : cues_by_sentence[event.sentence]) {
      std::uint32_t distance = cue.end <= event.trigger.begin ? event.trigger.begin - cue.end
                               : cue.begin >= event.trigger.end ? cue.begin - event.trigger.end : 0;
      if (distance < best_distance) {
        best_distance = distance;
        best = &cue;
      }
    }
    if (best) {
      event.date = best->date.to_string();
      event.date_precision = best->precision;
      event.date_source = "text:" + best->text;
    } else {
      event.date = published->to_string();
      event.date_precision = "day";
      event.date_source = "published";
    }
  }
}

}  // namespace vigie::time
