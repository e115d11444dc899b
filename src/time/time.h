// Stage `time`: gives every event a date, resolving what the sentence says against the
// document's publication date.
//
// The foundation's resolver reads weekdays with an optional part of day ("samedi", "lundi
// soir", "on Tuesday": the most recent such day not after publication), "hier"/"yesterday",
// "avant-hier", "aujourd'hui"/"today", and explicit day-month dates ("le 6 septembre", "March
// 12", year from publication). Without any cue an event takes the publication date, and
// Event::date_source says "published". The where-and-when issue adds weeks, months, ranges and
// precision.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "document/document.h"

namespace vigie::time {

// A calendar date.
struct Date {
  int year = 0, month = 0, day = 0;
  std::string to_string() const;  // YYYY-MM-DD
  bool operator==(const Date&) const = default;
};

std::optional<Date> parse_iso_date(std::string_view text);  // "2021-09-07"
int weekday(const Date& date);                              // 0 = Monday … 6 = Sunday
Date add_days(const Date& date, int days);

// The most recent `target_weekday` (0 = Monday) not after `reference`.
Date most_recent_weekday(const Date& reference, int target_weekday);

// Fills Event::date and Event::date_source for every event of the document.
void date_events(Document& document);

}  // namespace vigie::time
