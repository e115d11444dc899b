#include "document/document_json.h"

#include <gtest/gtest.h>

namespace vigie {
namespace {

Document sample() {
  Document d;
  d.id = "doc";
  d.lang = "fr";
  d.published = "2021-09-07";
  d.title = "Titre";
  d.text = "Le Pakistan a démenti.";
  d.sentences.push_back({Field::kTitle, {0, 5}, 0, 1, 0});
  d.sentences.push_back({Field::kBody, {0, 23}, 1, 5, 0});
  Event e;
  e.sentence = 1;
  e.trigger = {12, 22};  // bytes: "é" takes two
  e.trigger_text = "a démenti";
  Actor pakistan;
  pakistan.text = "Le Pakistan";
  pakistan.code = "PAK";
  pakistan.span = {0, 11};
  e.source = pakistan;
  e.cameo = "016";
  e.quad_class = 1;
  e.goldstein = 3.4;
  e.plover_type = "";
  e.modality = Modality::kAsserted;
  e.date = "2021-09-07";
  e.rule = "verbs.fr.yaml:1 (démentir)";
  d.events.push_back(e);
  return d;
}

TEST(OutputJson, DocumentFieldsFollowTheContract) {
  nlohmann::json j = to_output_json(sample());
  EXPECT_EQ(j["id"], "doc");
  EXPECT_TRUE(j["url"].is_null());
  EXPECT_TRUE(j["author"].is_null());
  EXPECT_EQ(j["title"], "Titre");
  EXPECT_EQ(j["published"], "2021-09-07");
  // Only body sentences are listed: sentence 0 is the first body sentence.
  ASSERT_EQ(j["sentences"].size(), 1u);
  EXPECT_EQ(j["sentences"][0], nlohmann::json::array({0, 23}));
  for (const char* key : {"entities", "places", "quotes", "events"}) {
    EXPECT_TRUE(j[key].is_array()) << key;
  }
}

TEST(OutputJson, EventFieldsFollowTheContract) {
  nlohmann::json event = to_output_json(sample())["events"][0];
  EXPECT_EQ(event["sentence"], "Le Pakistan a démenti.");
  EXPECT_EQ(event["span"], nlohmann::json::array({12, 22}));
  EXPECT_EQ(event["trigger"], "a démenti");
  EXPECT_EQ(event["source"]["code"], "PAK");
  EXPECT_TRUE(event["target"].is_null());
  EXPECT_TRUE(event["attribution"].is_null());
  EXPECT_TRUE(event["location"].is_null());
  EXPECT_EQ(event["cameo"], "016");
  EXPECT_EQ(event["quad_class"], 1);
  EXPECT_DOUBLE_EQ(event["goldstein"].get<double>(), 3.4);
  EXPECT_TRUE(event["plover"].contains("type"));
  EXPECT_EQ(event["modality"], "asserted");
  EXPECT_EQ(event["rule"], "verbs.fr.yaml:1 (démentir)");
  EXPECT_FALSE(event.contains("in_title"));
}

TEST(OutputJson, UnknownActorHasNullCode) {
  Document d = sample();
  d.events[0].source->code.clear();
  EXPECT_TRUE(to_output_json(d)["events"][0]["source"]["code"].is_null());
}

TEST(OutputJson, LineHasNoNewline) {
  std::string line = to_output_line(sample());
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(line)["id"], "doc");
}

}  // namespace
}  // namespace vigie
