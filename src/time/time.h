// Stage `time`: gives every event a date, resolving what the sentence says against the
// document's publication date.
//
// Cues read in the event's sentence (the one nearest the trigger wins), each with a precision
// (Event::date_precision):
//   day    weekdays with an optional part of day ("samedi", "lundi soir", "on Tuesday": the most
//          recent such day not after publication); "nuit de samedi à dimanche" (the Saturday);
//          "hier", "yesterday", "avant-hier", "aujourd'hui", "today"; "il y a trois jours", "three
//          days ago"; explicit dates "le 6 septembre", "1er septembre 2021", "September 6, 2021",
//          "Sept. 6" (English abbreviations), "2021-09-06", and "6/9/2021" read day first in
//          French, month first in English (June 9). A date without a year takes the publication's,
//          or the year before when it would fall more than a month after publication.
//   week   "plus tôt dans la semaine", "cette semaine", "earlier this week", "this week" (dated the
//          Monday of the publication's week); "la semaine dernière", "last week" (the Monday
//          before); "il y a deux semaines", "two weeks ago".
//   month  "le mois dernier", "last month", "en septembre", "in May 2021" (dated the 1st).
// Without any cue an event takes the publication date, Event::date_source "published".

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
