// Event coding cases in the TABARI style: id, the feature tested, the text, and the expected
// source / target / code / modality. Run through the whole Pipeline, as the CLI does.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <fstream>

#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

namespace vigie {
namespace {

const Pipeline& pipeline() {
  static Pipeline* instance = [] {
    auto loaded = Pipeline::load(std::string(VIGIE_SOURCE_DIR) + "/dictionaries");
    EXPECT_TRUE(loaded.ok()) << loaded.error().to_string();
    return new Pipeline(std::move(loaded).value());
  }();
  return *instance;
}

Document run(const std::string& text, const std::string& lang) {
  Document d;
  d.id = "case";
  d.lang = lang;
  d.text = text;
  d.published = "2021-09-07";
  pipeline().run(d);
  return d;
}

std::string code_of(const std::optional<Actor>& actor) {
  return actor ? (actor->code.empty() ? "?" : actor->code) : "-";
}

struct EventCase {
  const char* id;
  const char* feature;
  const char* lang;
  const char* text;
  const char* source;     // "-" for none
  const char* target;     // "-" for none
  const char* cameo;
  const char* modality;
  const char* attribution = "-";
};

std::ostream& operator<<(std::ostream& out, const EventCase& c) { return out << c.id; }

class EventCoding : public testing::TestWithParam<EventCase> {};

TEST_P(EventCoding, CodesTheExpectedEvent) {
  const EventCase& c = GetParam();
  Document d = run(c.text, c.lang);
  std::string seen;
  for (const Event& e : d.events) {
    seen += "\n  " + code_of(e.source) + " / " + code_of(e.target) + " / " + e.cameo + " / " +
            std::string(to_string(e.modality)) + " per " + code_of(e.attribution) + " (" +
            e.trigger_text + ")";
    if (e.cameo == c.cameo && code_of(e.source) == c.source && code_of(e.target) == c.target &&
        to_string(e.modality) == c.modality && code_of(e.attribution) == c.attribution) {
      EXPECT_FALSE(e.rule.empty());
      EXPECT_NE(e.rule.find(".yaml:"), std::string::npos) << e.rule;
      SUCCEED();
      return;
    }
  }
  ADD_FAILURE() << c.id << " [" << c.feature << "] expected " << c.source << " / " << c.target
                << " / " << c.cameo << " / " << c.modality << " per " << c.attribution
                << "\n in: " << c.text << "\n coded:" << (seen.empty() ? " nothing" : seen);
}

INSTANTIATE_TEST_SUITE_P(
    French, EventCoding,
    testing::Values(
        EventCase{"FR-01", "conditional mood -> alleged", "fr",
                  "Le Pakistan aurait fourni une aide militaire aux talibans.", "PAK", "AFGINS",
                  "072", "alleged"},
        EventCase{"FR-02", "visit: the target is the country of the place", "fr",
                  "Le chef de l'espionnage pakistanais s'est rendu samedi à Kaboul.", "PAKSPY",
                  "AFG", "042", "asserted"},
        EventCase{"FR-14", "coordinated subjects of a reciprocal verb: both ways", "fr",
                  "Le Maroc et Israël ont signé un accord de coopération.", "ISR", "MAR", "057",
                  "asserted"},
        EventCase{"FR-03", "accusation with infinitive complement", "fr",
                  "Les États-Unis accusent le Pakistan de soutenir les talibans.", "USA", "PAK",
                  "112", "asserted"},
        EventCase{"FR-04", "embedded act of an accusation is alleged, on the accuser's word", "fr",
                  "Les États-Unis accusent le Pakistan de soutenir les talibans.", "PAK",
                  "AFGINS", "050", "alleged", "USA"},
        EventCase{"FR-05", "passive agent with par", "fr",
                  "Les États-Unis accusent le Pakistan ; une accusation démentie par Islamabad.",
                  "PAKGOV", "USA", "016", "asserted"},
        EventCase{"FR-06", "negation ne ... pas", "fr",
                  "Les rebelles soudanais n'ont pas attaqué le convoi de l'ONU.", "SDNREB",
                  "IGOUNO", "190", "negated"},
        EventCase{"FR-07", "modal pouvoir -> possible, with reported speech", "fr",
                  "Un haut responsable pakistanais a déclaré que le Pakistan pourrait aider les "
                  "talibans.",
                  "PAK", "AFGINS", "070", "possible", "PAKGOV"},
        EventCase{"FR-08", "pronoun resolved to the previous subject", "fr",
                  "Ahmed Massoud a publié un message. Il a appelé à des négociations de paix.",
                  "AFGREB", "-", "026", "asserted"},
        EventCase{"FR-09", "selon -> alleged with attribution", "fr",
                  "Selon l'ONU, le Rwanda aurait livré des armes aux rebelles du M23.", "RWA",
                  "CODREB", "072", "alleged", "IGOUNO"},
        EventCase{"FR-10", "prepositional actor is not the subject", "fr",
                  "Ils ont tenu bon contre les talibans. Les soldats afghans ont refusé de se rendre.",
                  "AFGMIL", "-", "120", "asserted"},
        EventCase{"FR-11", "protest with quantity of demonyms", "fr",
                  "Des milliers de Maliens ont protesté contre le gouvernement malien.",
                  "MLICVL", "MLIGOV", "141", "asserted"},
        EventCase{"FR-12", "sanctions", "fr",
                  "L'Union européenne a imposé des sanctions à la Russie.", "IGOEUREEC", "RUS",
                  "163", "asserted"},
        EventCase{"FR-13", "future intention with doit", "fr",
                  "Le président kényan doit rencontrer le président somalien.", "KENGOV",
                  "SOMGOV", "040", "intended"}));

INSTANTIATE_TEST_SUITE_P(
    English, EventCoding,
    testing::Values(
        EventCase{"EN-01", "simple accusation", "en",
                  "Pakistan accused the Taliban of sheltering militants.", "PAK", "AFGINS", "112",
                  "asserted"},
        EventCase{"EN-02", "denial", "en", "The Taliban denied the accusation.", "AFGINS", "-",
                  "016", "asserted"},
        EventCase{"EN-03", "call for talks", "en",
                  "China called for talks between the two neighbours.", "CHN", "-", "026",
                  "asserted"},
        EventCase{"EN-04", "did not -> negated", "en",
                  "Pakistan did not attack Afghanistan.", "PAK", "AFG", "190", "negated"},
        EventCase{"EN-05", "modal could -> possible", "en",
                  "Russian forces could attack Ukraine.", "RUSMIL", "UKR", "190", "possible"},
        EventCase{"EN-06", "will -> intended", "en",
                  "Japan will supply radars to the Philippines.", "JPN", "PHL", "072",
                  "intended"},
        EventCase{"EN-07", "according to -> alleged with attribution", "en",
                  "According to the United Nations, Russia supplied weapons to Sudan.", "RUS",
                  "SDN", "072", "alleged", "IGOUNO"},
        EventCase{"EN-08", "passive with by", "en",
                  "Kenya was attacked by al-Shabaab.", "SOMINS", "KEN", "190", "asserted"},
        EventCase{"EN-09", "sanctions", "en", "The United States imposed sanctions on Iran.",
                  "USA", "IRN", "163", "asserted"},
        EventCase{"EN-10", "coordinated targets: one event each", "en",
                  "The African Union urged Ethiopia and Eritrea to settle their dispute.",
                  "IGOAFR", "ERI", "020", "asserted"}));

TEST(EventCoding, NoEventWithoutAnActor) {
  Document d = run("Chaque partie accusant l'autre de son échec.", "fr");
  EXPECT_TRUE(d.events.empty());
}

// A verb is found by its lemma, not only by the forms its entry lists (passé simple here).
TEST(EventCoding, VerbFoundByItsLemma) {
  Document d = run("Le Mali accusa la France.", "fr");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].cameo, "112");
  EXPECT_EQ(code_of(d.events[0].target), "FRA");
}

// `object` is read on the parse: the phrase must be in a complement of the trigger, near its
// head. "ville" here is deep inside "les rues de la capitale ... et de la ville": no invasion.
TEST(EventCoding, ObjectPhraseMustBeNearTheHeadOfAComplement) {
  Document d = run(
      "Lundi soir, des centaines d'Afghans ont envahi les rues de la capitale, Kaboul, et de la "
      "ville de Mazar-i-Sharif.",
      "fr");
  for (const Event& e : d.events) EXPECT_NE(e.cameo, "192") << e.rule;
  Document invasion = run("La Russie a envahi la ville de Marioupol.", "fr");
  ASSERT_FALSE(invasion.events.empty());
  EXPECT_EQ(invasion.events[0].cameo, "192");
}

// `prep` is read on the parse: the case word of a complement ("au Maroc"), wherever the
// complement sits in the sentence.
TEST(EventCoding, PrepositionOfAComplement) {
  Document d = run("Le président français se rendra la semaine prochaine au Maroc.", "fr");
  ASSERT_FALSE(d.events.empty());
  EXPECT_EQ(d.events[0].cameo, "042");
  EXPECT_EQ(code_of(d.events[0].target), "MAR");
}

// A role word without a country as the target of a domestic actor takes its country.
TEST(EventCoding, DomesticDyadGivesTheRoleWordTheSourceCountry) {
  Document d = run("La police ougandaise a arrêté jeudi un dirigeant de l'opposition.", "fr");
  ASSERT_FALSE(d.events.empty());
  EXPECT_EQ(code_of(d.events[0].source), "UGACOP");
  EXPECT_EQ(code_of(d.events[0].target), "UGAOPP");
  // Not across the military: a foreign army is as likely.
  Document war = run("Les forces russes ont attaqué la police.", "fr");
  for (const Event& e : war.events) EXPECT_NE(code_of(e.target), "RUSCOP");
}

// Event nouns: the source from "de X" / "by X" / a possessive, a capital standing for its country.
TEST(EventCoding, NominalEvents) {
  Document visit = run("La visite du président français à Pékin a été reportée.", "fr");
  ASSERT_EQ(visit.events.size(), 1u);
  EXPECT_EQ(visit.events[0].cameo, "042");
  EXPECT_EQ(code_of(visit.events[0].source), "FRAGOV");
  Document incursion = run("Moscow condemned Kyiv's incursion into the Kursk region.", "en");
  bool found = false;
  for (const Event& e : incursion.events) found = found || (e.cameo == "190" && code_of(e.source) == "UKR");
  EXPECT_TRUE(found);
}

// Generic anaphora: "the two sides" are the two sides just named, one event each; "chaque
// partie ... l'autre" is one event between them; with fewer than two sides known, nothing.
TEST(EventCoding, GenericAnaphoraStandForTheTwoSides) {
  Document d = run(
      "Armenia and Azerbaijan clashed on the border on Monday. The United Nations urged the two "
      "sides to show restraint.",
      "en");
  std::set<std::string> targets;
  for (const Event& e : d.events) {
    if (code_of(e.source) == "IGOUNO") targets.insert(code_of(e.target));
  }
  EXPECT_EQ(targets, (std::set<std::string>{"ARM", "AZE"}));
  Document each = run(
      "Les talibans ont attaqué les forces de Massoud. Les pourparlers n'ont donné aucun "
      "résultat, chaque partie accusant l'autre de son échec.",
      "fr");
  std::set<std::string> dyads;
  for (const Event& e : each.events) {
    if (e.cameo == "112") dyads.insert(code_of(e.source) + ">" + code_of(e.target));
  }
  EXPECT_EQ(dyads, (std::set<std::string>{"AFGINS>AFGREB"}));
  EXPECT_TRUE(run("Chaque partie accuse l'autre.", "fr").events.empty());
}

// `not_object` in a pattern: "tirer sur la corde" and "fired on staff" are no fighting.
TEST(EventCoding, NegativeConstraintBlocksAPattern) {
  EXPECT_TRUE(run("La Russie a tiré sur la corde nationaliste.", "fr").events.empty());
  Document fighting = run("La Russie a tiré sur des villages ukrainiens.", "fr");
  ASSERT_FALSE(fighting.events.empty());
  EXPECT_EQ(fighting.events[0].cameo, "190");
}

TEST(EventCoding, NounFormIsNotATrigger) {
  Document d = run("Le Pakistan a annulé sa visite au Japon.", "fr");
  for (const Event& e : d.events) EXPECT_NE(e.cameo, "042") << e.trigger_text;
}

TEST(EventCoding, EnglishBaseFormAfterAnAdjectiveIsANoun) {
  Document d = run("Kenya cancelled an official visit to Somalia.", "en");
  for (const Event& e : d.events) EXPECT_NE(e.cameo, "042") << e.trigger_text;
}

TEST(EventCoding, EveryEventPointsToItsTrigger) {
  Document d = run("Les talibans ont attaqué Kaboul. Les États-Unis ont condamné l'attaque.", "fr");
  ASSERT_FALSE(d.events.empty());
  for (const Event& e : d.events) {
    const Sentence& s = d.sentences[e.sentence];
    EXPECT_EQ(d.slice(s.field, e.trigger), e.trigger_text);
    EXPECT_GE(e.trigger.begin, s.span.begin);
    EXPECT_LE(e.trigger.end, s.span.end);
    EXPECT_FALSE(e.date.empty());
  }
}

TEST(Quotes, SpeakerFromTheReportingVerb) {
  Document d = run("Ahmed Massoud a parlé. Il a déclaré : « Je vous appelle à la résistance. »",
                   "fr");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].text, "Je vous appelle à la résistance.");
  ASSERT_TRUE(d.quotes[0].speaker.has_value());
  EXPECT_EQ(d.quotes[0].speaker->code, "AFGREB");
}

TEST(Quotes, EnglishCurlyQuotes) {
  Document d = run("China said: \u201CThe sanctions are illegal.\u201D", "en");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].speaker->code, "CHN");
}

TEST(PipelineLoad, MissingDictionaryFolderIsAnError) {
  auto loaded = Pipeline::load("/nonexistent");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().to_string().find("/nonexistent"), std::string::npos);
}

// Syntax models are read on the first document of their language; one that cannot be read is
// said in each document of that language, and the other stages still run.
TEST(PipelineLoad, UnreadableSyntaxModelIsSaidInTheDocument) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("vigie-lazy-model-" + std::to_string(::getpid()));
  fs::create_directories(root / "models");
  fs::copy(std::string(VIGIE_SOURCE_DIR) + "/dictionaries", root / "dictionaries",
           fs::copy_options::recursive);
  std::ofstream(root / "models" / "syntax.fr.bin") << "not a model";
  auto loaded = Pipeline::load((root / "dictionaries").string());
  ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
  Document d;
  d.id = "lazy";
  d.lang = "fr";
  d.text = "Le Pakistan a accusé l'Inde de soutenir les rebelles.";
  loaded->run(d);
  bool said = false;
  for (const auto& diagnostic : d.diagnostics) {
    said = said || (diagnostic.stage == "syntax" &&
                    diagnostic.message.find("syntax.fr.bin") != std::string::npos);
  }
  EXPECT_TRUE(said);
  EXPECT_FALSE(d.events.empty());  // word order still codes the event
  fs::remove_all(root);
}

}  // namespace
}  // namespace vigie
