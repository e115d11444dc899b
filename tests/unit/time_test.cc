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

}  // namespace
}  // namespace vigie::time
