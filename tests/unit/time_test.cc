#include <algorithm>
#include "time/time.h"

#include <gtest/gtest.h>

namespace vigie::time {
namespace {

TEST(Calendar, WeekdayOfKnownDates) {
  EXPECT_EQ(weekday({2021, 9, 7}), 1);   // Tuesday
  EXPECT_EQ(weekday({2024, 2, 29}), 3);  // Thursday, leap day
  EXPECT_EQ(weekday({2000, 1, 1}), 5);   // Saturday
}

TEST(Calendar, AddDaysCrossesMonthsAndYears) {
  EXPECT_EQ(add_days({2021, 9, 7}, -7).to_string(), "2021-08-31");
  EXPECT_EQ(add_days({2023, 12, 31}, 1).to_string(), "2024-01-01");
  EXPECT_EQ(add_days({2024, 3, 1}, -1).to_string(), "2024-02-29");
}

TEST(MostRecentWeekday, SamediAndLundiBeforeATuesday) {
  Date published{2021, 9, 7};  // a Tuesday
  EXPECT_EQ(most_recent_weekday(published, 5).to_string(), "2021-09-04");  // samedi
  EXPECT_EQ(most_recent_weekday(published, 0).to_string(), "2021-09-06");  // lundi
  EXPECT_EQ(most_recent_weekday(published, 1).to_string(), "2021-09-07");  // mardi: same day
}

TEST(ParseIsoDate, AcceptsDatesAndDateTimes) {
  EXPECT_EQ(parse_iso_date("2021-09-07").value().to_string(), "2021-09-07");
  EXPECT_EQ(parse_iso_date("2024-03-18T17:45:00Z").value().to_string(), "2024-03-18");
  EXPECT_FALSE(parse_iso_date("07/09/2021").has_value());
  EXPECT_FALSE(parse_iso_date("2021-13-01").has_value());
}

Document one_event_document(const std::string& sentence_text, const std::string& trigger) {
  Document document;
  document.published = "2021-09-07";
  document.text = sentence_text;
  // Hand-made tokens: one per space-separated word (the time stage reads folded forms only).
  std::size_t pos = 0;
  while (pos < sentence_text.size()) {
    std::size_t end = sentence_text.find(' ', pos);
    if (end == std::string::npos) end = sentence_text.size();
    Token token;
    token.span = {static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(end)};
    token.folded = sentence_text.substr(pos, end - pos);
    for (char& c : token.folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    document.tokens.push_back(token);
    pos = end + 1;
  }
  document.sentences.push_back(
      {Field::kBody, {0, static_cast<std::uint32_t>(sentence_text.size())}, 0,
       static_cast<std::uint32_t>(document.tokens.size()), 0});
  Event event;
  auto at = static_cast<std::uint32_t>(sentence_text.find(trigger));
  event.trigger = {at, static_cast<std::uint32_t>(at + trigger.size())};
  document.events.push_back(event);
  return document;
}

TEST(DateEvents, WeekdayWithPartOfDay) {
  Document document = one_event_document("Lundi soir , des manifestants ont protesté", "protesté");
  date_events(document);
  EXPECT_EQ(document.events[0].date, "2021-09-06");
  EXPECT_EQ(document.events[0].date_source, "text:lundi soir");
}

TEST(DateEvents, ExplicitDayAndMonth) {
  Document document = one_event_document("le 30 août les troupes sont parties", "parties");
  date_events(document);
  EXPECT_EQ(document.events[0].date, "2021-08-30");
}

TEST(DateEvents, YesterdayInEnglish) {
  Document document = one_event_document("Troops attacked the town yesterday", "attacked");
  date_events(document);
  EXPECT_EQ(document.events[0].date, "2021-09-06");
}

TEST(DateEvents, NoCueMeansPublicationDateMarkedAsSuch) {
  Document document = one_event_document("Les talibans ont attaqué la vallée", "attaqué");
  date_events(document);
  EXPECT_EQ(document.events[0].date, "2021-09-07");
  EXPECT_EQ(document.events[0].date_source, "published");
}

TEST(DateEvents, NoPublicationDateLeavesDateEmpty) {
  Document document = one_event_document("Les talibans ont attaqué samedi", "attaqué");
  document.published.clear();
  date_events(document);
  EXPECT_TRUE(document.events[0].date.empty());
}

// Table-driven cues (published Tuesday 2021-09-07): id, feature, language, sentence (tokens are
// space-separated), trigger, expected date and precision.
struct DateCase {
  const char* id;
  const char* feature;
  const char* lang;
  const char* text;
  const char* trigger;
  const char* date;
  const char* precision;
};

const DateCase kDateCases[] = {
    {"T-01", "explicit French date", "fr", "le 6 septembre les troupes sont parties", "parties", "2021-09-06", "day"},
    {"T-02", "1er with year", "fr", "le 1er septembre 2021 ils ont signé", "signé", "2021-09-01", "day"},
    {"T-03", "English abbreviation with dot", "en", "On Sept. 6 troops attacked", "attacked", "2021-09-06", "day"},
    {"T-04", "numeric date, French day first", "fr", "le 6/9/2021 ils ont attaqué", "attaqué", "2021-09-06", "day"},
    {"T-05", "numeric date, English month first", "en", "on 6/9/2021 troops attacked", "attacked", "2021-06-09", "day"},
    {"T-06", "ISO date", "en", "on 2021-09-04 troops attacked", "attacked", "2021-09-04", "day"},
    {"T-07", "hier", "fr", "hier les talibans ont attaqué", "attaqué", "2021-09-06", "day"},
    {"T-08", "il y a trois jours", "fr", "il y a trois jours les talibans ont attaqué", "attaqué", "2021-09-04", "day"},
    {"T-09", "days ago", "en", "troops attacked three days ago", "attacked", "2021-09-04", "day"},
    {"T-10", "plus tôt dans la semaine", "fr", "il a déclaré plus tôt dans la semaine que", "déclaré", "2021-09-06", "week"},
    {"T-11", "last week", "en", "troops attacked last week", "attacked", "2021-08-30", "week"},
    {"T-12", "la semaine dernière", "fr", "ils ont attaqué la semaine dernière", "attaqué", "2021-08-30", "week"},
    {"T-13", "last month", "en", "troops attacked last month", "attacked", "2021-08-01", "month"},
    {"T-14", "month with preposition", "fr", "en août les troupes sont parties", "parties", "2021-08-01", "month"},
    {"T-15", "nuit de samedi à dimanche", "fr", "dans la nuit de samedi à dimanche ils ont attaqué", "attaqué", "2021-09-04", "day"},
    {"T-16", "weekday in English", "en", "on Saturday troops attacked", "attacked", "2021-09-04", "day"},
    {"T-17", "French sept is seven, not September", "fr", "sept soldats ont attaqué", "attaqué", "2021-09-07", "day"},
    {"T-18", "date after publication goes to the year before", "en", "on December 28 troops attacked", "attacked", "2020-12-28", "day"},
    {"T-19", "impossible date ignored", "fr", "le 31/02/2021 ils ont attaqué", "attaqué", "2021-09-07", "day"},
};

class DateCues : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateCues, ResolvesAgainstPublication) {
  const DateCase& c = GetParam();
  Document document = one_event_document(c.text, c.trigger);
  document.lang = c.lang;
  for (Token& token : document.tokens) {
    char first = document.text[token.span.begin];
    token.capitalized = first >= 'A' && first <= 'Z';
  }
  date_events(document);
  EXPECT_EQ(document.events[0].date, c.date) << c.id << " [" << c.feature << "] " << c.text;
  EXPECT_EQ(document.events[0].date_precision, c.precision) << c.id << " [" << c.feature << "]";
}

INSTANTIATE_TEST_SUITE_P(Table, DateCues, ::testing::ValuesIn(kDateCases),
                         [](const auto& info) {
                           std::string id = info.param.id;
                           id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
                           return id;
                         });

}  // namespace
}  // namespace vigie::time
