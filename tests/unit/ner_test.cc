// Named-entity recognition: the NER file reader, the CoNLL exact-span scorer (checked on a hand
// case), the model's training, file round trip and checks, and the combination with the
// dictionaries' entities.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "entities/ner.h"
#include "entities/ner_eval.h"

namespace vigie::entities {
namespace {

TEST(NerTags, ReadsIob2AndIob1Alike) {
  // IOB2: B- opens; IOB1: an I- after O or after another type opens (conlleval's reading).
  std::vector<std::string> iob2 = {"B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"};
  std::vector<std::string> iob1 = {"I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-LOC"};
  std::vector<NerSpan> expected = {
      {0, 2, EntityType::kPER}, {3, 4, EntityType::kLOC}, {4, 6, EntityType::kLOC}};
  EXPECT_EQ(spans_from_tags(iob2), expected);
  EXPECT_EQ(spans_from_tags(iob1), expected);
  EXPECT_EQ(spans_from_tags({"I-ORG", "I-PER"}),
            (std::vector<NerSpan>{{0, 1, EntityType::kORG}, {1, 2, EntityType::kPER}}));
  EXPECT_EQ(tags_from_spans(expected, 7),
            (std::vector<std::string>{"B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "O"}));
}

TEST(NerReader, ReadsTheThreeLayouts) {
  // UNER: comments, five columns, blank lines between sentences.
  auto uner = parse_ner_text(
      "# sent_id = a\n1\tIn\tO\t-\t-\n2\tNew\tB-LOC\t-\tx\n3\tYork\tI-LOC\t-\tx\n\n"
      "# sent_id = b\n1\tHi\tO\t-\t-\n",
      "uner");
  ASSERT_TRUE(uner) << uner.error().to_string();
  ASSERT_EQ(uner->size(), 2u);
  EXPECT_EQ((*uner)[0].forms, (std::vector<std::string>{"In", "New", "York"}));
  EXPECT_EQ((*uner)[0].entities, (std::vector<NerSpan>{{1, 3, EntityType::kLOC}}));
  // WikiGold: an ID that does not grow starts a sentence even without a blank line.
  auto wikigold = parse_ner_text("0\tParis\tB-LOC\n1\t.\tO\n0\tBob\tB-PER\n", "wikigold");
  ASSERT_TRUE(wikigold);
  ASSERT_EQ(wikigold->size(), 2u);
  EXPECT_EQ((*wikigold)[1].entities, (std::vector<NerSpan>{{0, 1, EntityType::kPER}}));
  // Europeana: "FORM TAG", IOB1, sentences cut after an untagged full stop.
  auto europeana = parse_ner_text("Emmanuel I-PER\nDESOLES I-PER\n. O\nRennes I-LOC\n", "bio");
  ASSERT_TRUE(europeana);
  ASSERT_EQ(europeana->size(), 2u);
  EXPECT_EQ((*europeana)[0].entities, (std::vector<NerSpan>{{0, 2, EntityType::kPER}}));
}

TEST(NerReader, NamesTheLineOfABadTag) {
  auto bad = parse_ner_text("1\tParis\tB-LOC\n2\tx\tB-CITY\n", "bad.iob2");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "bad.iob2:2");
  EXPECT_NE(bad.error().message.find("B-CITY"), std::string::npos);
  EXPECT_FALSE(parse_ner_text("nothing\n", "odd"));
  EXPECT_FALSE(read_ner_file("/nonexistent/file.iob2"));
}

// The scorer on a hand-counted case. Gold: [0,2) PER, [3,4) LOC, [5,7) ORG in sentence 0;
// [0,1) LOC in sentence 1. System: [0,2) PER (right), [3,4) GPE (right: GPE is LOC), [5,6) ORG
// (wrong span), [8,9) MISC (left out: the gold has no MISC); [0,1) PER in sentence 1 (wrong
// type). So gold 4, system 4, correct 2: P 0.5, R 0.5, F1 0.5; PER P 1/2 R 1/1; LOC P 1/1 R 1/2;
// ORG P 0/1 R 0/1.
TEST(NerScore, HandCountedCase) {
  std::vector<std::vector<NerSpan>> gold = {
      {{0, 2, EntityType::kPER}, {3, 4, EntityType::kLOC}, {5, 7, EntityType::kORG}},
      {{0, 1, EntityType::kLOC}}};
  std::vector<std::vector<NerSpan>> system = {{{0, 2, EntityType::kPER},
                                               {3, 4, EntityType::kGPE},
                                               {5, 6, EntityType::kORG},
                                               {8, 9, EntityType::kMISC}},
                                              {{0, 1, EntityType::kPER}}};
  NerScore score = score_ner(gold, system);
  EXPECT_EQ(score.overall.gold, 4u);
  EXPECT_EQ(score.overall.system, 4u);
  EXPECT_EQ(score.overall.correct, 2u);
  EXPECT_DOUBLE_EQ(score.overall.f1(), 0.5);
  const NerCounts& per = score.by_type[std::size_t(EntityType::kPER)];
  EXPECT_DOUBLE_EQ(per.precision(), 0.5);
  EXPECT_DOUBLE_EQ(per.recall(), 1.0);
  const NerCounts& loc = score.by_type[std::size_t(EntityType::kLOC)];
  EXPECT_DOUBLE_EQ(loc.precision(), 1.0);
  EXPECT_DOUBLE_EQ(loc.recall(), 0.5);
  EXPECT_DOUBLE_EQ(score.by_type[std::size_t(EntityType::kORG)].f1(), 0.0);
  EXPECT_FALSE(score.gold_has_type[std::size_t(EntityType::kMISC)]);
  // Nothing predicted: P = R = F1 = 0, no division by zero.
  NerScore empty = score_ner(gold, {});
  EXPECT_EQ(empty.overall.f1(), 0.0);
}

// A small made-up training set: "X said" makes X a person, "in X" a place.
std::vector<NerSentence> toy_data() {
  std::vector<NerSentence> out;
  const char* people[] = {"Alice", "Bruno", "Chen", "Dmitri", "Esther", "Fatou"};
  const char* places[] = {"Lyon", "Kano", "Oslo", "Lima", "Pune", "Graz"};
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 6; ++i) {
      out.push_back(
          {{"Yesterday", people[i], "said", "it", "rained", "in", places[(i + round) % 6], "."},
           {{1, 2, EntityType::kPER}, {6, 7, EntityType::kLOC}}});
    }
  }
  return out;
}

TEST(NerModel, LearnsSavesAndLoads) {
  NerDocument train = build_ner_document(toy_data(), "en");
  NerTrainOptions options;
  options.lang = "en";
  options.epochs = 5;
  options.command = "ner_test";
  options.lexicons = {{"toy-names", {"Gustave"}}};
  auto model = NerModel::train(train, nullptr, options);
  ASSERT_TRUE(model) << model.error().to_string();
  std::vector<NerToken> tokens;
  const std::vector<std::string> forms = {"Yesterday", "Alice", "said", "it",
                                          "rained",    "in",    "Oslo", "."};
  std::vector<std::string> folded = {"yesterday", "alice", "said", "it",
                                     "rained",    "in",    "oslo", "."};
  for (std::size_t i = 0; i < forms.size(); ++i) tokens.push_back({forms[i], folded[i], "", 0});
  std::vector<NerSpan> expected = {{1, 2, EntityType::kPER}, {6, 7, EntityType::kLOC}};
  EXPECT_EQ(model->label(tokens), expected);
  EXPECT_TRUE(model->label({}).empty());

  const std::string path = testing::TempDir() + "/ner_test_model.bin";
  ASSERT_TRUE(model->save(path));
  auto loaded = NerModel::load(path);
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  EXPECT_EQ(loaded->lang(), "en");
  EXPECT_NE(loaded->header().find("toy-names (1 words)"), std::string::npos);
  EXPECT_EQ(loaded->label(tokens), expected);

  // A truncated file and a file of another kind are refused, naming the file.
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 5);
  auto truncated = NerModel::load(path);
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().where, path);
  std::ofstream(path, std::ios::trunc) << "VIGIESYN and more";
  EXPECT_FALSE(NerModel::load(path));
  std::remove(path.c_str());
}

TEST(NerModel, DictionaryEntitiesWinOverlapsAndKeepTheirCode) {
  NerDocument train = build_ner_document(toy_data(), "en");
  NerTrainOptions options;
  options.lang = "en";
  options.epochs = 5;
  auto model = NerModel::train(train, nullptr, options);
  ASSERT_TRUE(model);
  // One sentence whose place the dictionaries found as a country (GPE, coded) and whose person
  // only the model knows; a lower-case demonym from the dictionaries is dropped.
  NerDocument doc = build_ner_document(
      {{{"Yesterday", "Bruno", "said", "it", "rained", "in", "Lima", "french"}, {}}}, "en");
  Document& d = doc.document;
  Entity country;
  country.type = EntityType::kGPE;
  country.span = d.tokens[6].span;
  country.text = "Lima";
  country.code = "PER";
  Entity demonym;
  demonym.type = EntityType::kMISC;
  demonym.span = d.tokens[7].span;
  demonym.text = "french";
  d.entities = {country, demonym};
  add_model_entities(d, *model);
  ASSERT_EQ(d.entities.size(), 2u);
  EXPECT_EQ(d.entities[0].text, "Bruno");
  EXPECT_EQ(d.entities[0].type, EntityType::kPER);
  EXPECT_TRUE(d.entities[0].code.empty());
  EXPECT_EQ(d.entities[1].text, "Lima");
  EXPECT_EQ(d.entities[1].type, EntityType::kGPE);
  EXPECT_EQ(d.entities[1].code, "PER");
  // kModel replaces, kDictionary keeps.
  d.entities = {country};
  add_model_entities(d, *model, EntitySource::kDictionary);
  EXPECT_EQ(d.entities.size(), 1u);
  add_model_entities(d, *model, EntitySource::kModel);
  ASSERT_EQ(d.entities.size(), 2u);
  EXPECT_EQ(d.entities[1].type, EntityType::kLOC);
}

TEST(NerModel, RunAroundAnOrganisationWordIsAnOrganisation) {
  NerDocument train = build_ner_document(toy_data(), "en");
  NerTrainOptions options;
  options.lang = "en";
  options.epochs = 5;
  options.lexicons = {{"organization-words", {"university", "united"}}};
  auto model = NerModel::train(train, nullptr, options);
  ASSERT_TRUE(model);
  NerDocument doc = build_ner_document({{{"Yesterday", "Bruno", "joined", "Ohio", "State",
                                          "University", "and", "Leeds", "United", "."},
                                         {}}},
                                       "en");
  add_model_entities(doc.document, *model);
  std::vector<std::string> organisations;
  for (const Entity& e : doc.document.entities) {
    if (e.type == EntityType::kORG) organisations.push_back(e.text);
  }
  EXPECT_EQ(organisations, (std::vector<std::string>{"Ohio State University", "Leeds United"}));
  // French puts the organisation word first, then adjectives and "de" + a name or a noun.
  options.lexicons = {{"organization-words", {"parti", "conseil"}}};
  auto french_model = NerModel::train(train, nullptr, options);
  ASSERT_TRUE(french_model);
  NerDocument french = build_ner_document({{{"Hier", "le", "Parti", "socialiste", "et", "le",
                                             "Conseil", "de", "sécurité", "ont", "voté", "."},
                                            {}}},
                                          "fr");
  french.document.tokens[3].upos = "ADJ";
  french.document.tokens[8].upos = "NOUN";
  add_model_entities(french.document, *french_model);
  organisations.clear();
  for (const Entity& e : french.document.entities) {
    if (e.type == EntityType::kORG) organisations.push_back(e.text);
  }
  EXPECT_EQ(organisations, (std::vector<std::string>{"Parti socialiste", "Conseil de sécurité"}));
  // ... and names sports clubs by a plural and their town; a sentence's first word does not
  // start one ("Partisans de Montréal" could be anyone's supporters).
  NerDocument teams =
      build_ner_document({{{"Hier", "les", "Canadiens", "de", "Montréal", "ont", "battu", "les",
                            "Bruins", "de", "Boston", "."},
                           {}},
                          {{"Partisans", "de", "Montréal", "et", "de", "Boston", "."}, {}}},
                         "fr");
  add_model_entities(teams.document, *french_model);
  organisations.clear();
  for (const Entity& e : teams.document.entities) {
    if (e.type == EntityType::kORG) organisations.push_back(e.text);
  }
  EXPECT_EQ(organisations, (std::vector<std::string>{"Canadiens de Montréal", "Bruins de Boston"}));
}

TEST(NerDocument, MapsEntitiesBackToFileTokens) {
  // "l'homme" is two Vigie tokens; an entity over part of a file token covers all of it.
  NerDocument doc = build_ner_document({{{"Voir", "l'Élysée", "demain"}, {}}}, "fr");
  ASSERT_EQ(doc.document.tokens.size(), 4u);
  EXPECT_EQ(doc.gold_of_token, (std::vector<std::uint32_t>{0, 1, 1, 2}));
  Entity e;
  e.type = EntityType::kLOC;
  e.span = doc.document.tokens[2].span;
  doc.document.entities = {e};
  auto spans = entity_spans(doc);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0], (std::vector<NerSpan>{{1, 2, EntityType::kLOC}}));
}

TEST(NerReader, ReadsDocumentBoundaries) {
  // UNER: "# newdoc" before a sentence; WikiGold: a -DOCSTART- line, which is no sentence.
  auto uner = parse_ner_text(
      "# newdoc id = a\n1\tHi\tO\n\n1\tBye\tO\n\n# newdoc id = b\n1\tYo\tO\n", "uner");
  ASSERT_TRUE(uner);
  ASSERT_EQ(uner->size(), 3u);
  EXPECT_TRUE((*uner)[0].starts_document);
  EXPECT_FALSE((*uner)[1].starts_document);
  EXPECT_TRUE((*uner)[2].starts_document);
  EXPECT_EQ(build_ner_document(*uner, "en").article_starts, (std::vector<std::uint32_t>{0, 2}));
  auto wikigold =
      parse_ner_text("0\tParis\tB-LOC\n1\t.\tO\n\n0\t-DOCSTART-\tO\n\n0\tBob\tB-PER\n", "wg");
  ASSERT_TRUE(wikigold);
  ASSERT_EQ(wikigold->size(), 2u);
  EXPECT_EQ((*wikigold)[1].forms, (std::vector<std::string>{"Bob"}));
  EXPECT_EQ(build_ner_document(*wikigold, "en").article_starts, (std::vector<std::uint32_t>{0, 1}));
  // No marks at all (WikiNEuRal): every sentence is a document of its own.
  auto unmarked = parse_ner_text("0\tA\tO\n\n0\tB\tO\n\n0\tC\tO\n", "wn");
  ASSERT_TRUE(unmarked);
  EXPECT_EQ(build_ner_document(*unmarked, "en").article_starts,
            (std::vector<std::uint32_t>{0, 1, 2}));
}

// A model that tags nothing (trained for no epoch): the entities a test sets are the only ones.
Expected<NerModel> blank_model() {
  NerDocument train = build_ner_document(toy_data(), "en");
  NerTrainOptions options;
  options.lang = "en";
  options.epochs = 0;
  return NerModel::train(train, nullptr, options);
}

// Document-level label consistency, with a model that tags nothing (trained for no epoch) so
// that the entities are the ones set here, as if the dictionaries had found them uncoded.
TEST(NerModel, OneTypePerNameWithinAnArticle) {
  auto blank = blank_model();
  ASSERT_TRUE(blank);
  NerDocument doc = build_ner_document({{{"Bin", "Laden", "fled", "Tora", "Bora", "."}, {}},
                                        {{"Bin", "Laden", "hid", "near", "Tora", "Bora", "."}, {}},
                                        {{"Bin", "Laden", "and", "Jordan", "spoke", "."}, {}},
                                        {{"Jordan", "and", "Jordan", "met", "."}, {}},
                                        // a second article
                                        {{"Bin", "Laden", "near", "Tora", "Bora", "."}, {}}},
                                       "en");
  doc.article_starts = {0, 4};
  Document& d = doc.document;
  auto entity = [&](std::uint32_t first, std::uint32_t end, EntityType type,
                    std::string code = {}) {
    Entity e;
    e.span = {d.tokens[first].span.begin, d.tokens[end - 1].span.end};
    e.text = std::string(d.slice(Field::kBody, e.span));
    e.type = type;
    e.code = std::move(code);
    return e;
  };
  const std::uint32_t s1 = d.sentences[1].first_token, s2 = d.sentences[2].first_token,
                      s3 = d.sentences[3].first_token, s4 = d.sentences[4].first_token;
  d.entities = {entity(0, 2, EntityType::kLOC),
                entity(3, 5, EntityType::kLOC),
                entity(s1, s1 + 2, EntityType::kLOC),
                entity(s2, s2 + 2, EntityType::kPER),
                entity(s2 + 3, s2 + 4, EntityType::kGPE, "JOR"),
                entity(s3, s3 + 1, EntityType::kPER),
                entity(s3 + 2, s3 + 3, EntityType::kPER),
                entity(s4, s4 + 2, EntityType::kPER)};
  add_model_entities(d, *blank, EntitySource::kCombined, {}, doc.article_starts);
  std::vector<std::string> found;
  for (const Entity& e : d.entities) {
    found.push_back(e.text + "/" + std::string(to_string(e.type)) + "/" + e.code);
  }
  // "Bin Laden" is LOC twice, PER once in the first article: LOC; the untagged "Tora Bora" of
  // sentence 1 repeats a LOC. The coded "Jordan" keeps its type against two uncoded PER votes.
  // The second article is left alone.
  EXPECT_EQ(found, (std::vector<std::string>{"Bin Laden/LOC/", "Tora Bora/LOC/", "Bin Laden/LOC/",
                                             "Tora Bora/LOC/", "Bin Laden/LOC/", "Jordan/GPE/JOR",
                                             "Jordan/PER/", "Jordan/PER/", "Bin Laden/PER/"}));
}

TEST(NerModel, PartOfAPersonsNameIsThatPerson) {
  auto blank = blank_model();
  ASSERT_TRUE(blank);
  NerDocument doc = build_ner_document({{{"Wei", "Ligang", "painted", "."}, {}},
                                        {{"Critics", "love", "Wei", "."}, {}},
                                        {{"In", "Ligang", "art", "is", "big", "."}, {}}},
                                       "en");
  Document& d = doc.document;
  Entity person;
  person.span = {d.tokens[0].span.begin, d.tokens[1].span.end};
  person.text = "Wei Ligang";
  person.type = EntityType::kPER;
  auto found = [&](const std::vector<std::uint8_t>& place_marks) {
    d.entities = {person};
    add_model_entities(d, *blank, EntitySource::kCombined, place_marks);
    std::vector<std::string> out;
    for (const Entity& e : d.entities) out.push_back(e.text + "/" + std::string(to_string(e.type)));
    return out;
  };
  EXPECT_EQ(found({}), (std::vector<std::string>{"Wei Ligang/PER", "Wei/PER", "Ligang/PER"}));
  std::vector<std::uint8_t> place_marks(d.tokens.size(), 0);
  place_marks[d.sentences[2].first_token + 1] = 1;  // "Ligang" named a place
  EXPECT_EQ(found(place_marks), (std::vector<std::string>{"Wei Ligang/PER", "Wei/PER"}));
}

// An actor mention composed of a country and lower-case role words is an entity of the country
// only (GPE where the gazetteer names a place, else a demonym, MISC), coded as the country (the
// actor keeps USAMIL). English only: French puts the role first ("Premier ministre éthiopien").
TEST(NerModel, ActorMentionEntityIsTheName) {
  auto blank = blank_model();
  ASSERT_TRUE(blank);
  auto run = [&](const std::vector<std::string>& forms, const std::string& lang, std::uint32_t end,
                 const std::vector<std::uint8_t>& place_marks) {
    NerDocument doc = build_ner_document({{forms, {}}}, lang);
    Document& d = doc.document;
    Entity mention;
    mention.span = {d.tokens[0].span.begin, d.tokens[end - 1].span.end};
    mention.text = std::string(d.slice(Field::kBody, mention.span));
    mention.type = EntityType::kORG;
    mention.code = "USAMIL";
    Actor actor;
    actor.token_begin = 0;
    actor.token_end = end;
    actor.rule = "countries.yaml:1 + roles.yaml:2";
    d.entities = {mention};
    d.actors = {actor};
    std::vector<std::uint8_t> marks = place_marks;
    marks.resize(d.tokens.size(), 0);
    add_model_entities(d, *blank, EntitySource::kCombined, marks);
    std::vector<std::string> out;
    for (const Entity& e : d.entities) {
      out.push_back(e.text + "/" + std::string(to_string(e.type)) + "/" + e.code);
    }
    return out;
  };
  EXPECT_EQ(run({"US", "troops", "left", "."}, "en", 2, {1}),
            (std::vector<std::string>{"US/GPE/USA"}));
  EXPECT_EQ(run({"South", "Korea", "'s", "defence", "ministry", "spoke"}, "en", 5, {1, 2}),
            (std::vector<std::string>{"South Korea/GPE/USA"}));
  EXPECT_EQ(run({"American", "soldiers", "left", "."}, "en", 2, {}),
            (std::vector<std::string>{"American/MISC/USA"}));
  EXPECT_EQ(run({"Premier", "ministre", "américain", "."}, "fr", 3, {}),
            (std::vector<std::string>{"Premier ministre américain/ORG/USAMIL"}));
}

TEST(NerPaths, ModelBesideTheDictionaries) {
  EXPECT_EQ(default_ner_model_path("/repo/dictionaries/", "fr"), "/repo/models/ner.fr.bin");
}

}  // namespace
}  // namespace vigie::entities
