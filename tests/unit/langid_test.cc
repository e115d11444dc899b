// Stage `language`: CLD2 + Vigie's fastText model (models/langid.ftz, committed), the model file
// checks, the data readers, and the pipeline's use of it. Needs no ../shared.
#include "langid/langid.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "pipeline/pipeline.h"

namespace vigie::langid {
namespace {

namespace fs = std::filesystem;

const std::string kModel = std::string(VIGIE_SOURCE_DIR) + "/models/langid.ftz";

const LanguageIdentifier& identifier() {
  static auto loaded = LanguageIdentifier::load(kModel);
  if (!loaded) ADD_FAILURE() << loaded.error().to_string();
  return loaded.value();
}

std::string temp_file(const std::string& name, const std::string& bytes) {
  fs::path path = fs::temp_directory_path() / ("vigie-langid-test-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(LanguageIdentifier, FrenchAndEnglishSentences) {
  LanguageGuess fr = identifier().identify(
      "Les talibans ont revendiqué lundi la prise de la vallée du Panchir, dernier bastion de la "
      "résistance armée, ce que les combattants de l'opposition ont aussitôt démenti.");
  EXPECT_EQ(fr.lang, "fr");
  EXPECT_TRUE(fr.reliable);
  EXPECT_EQ(fr.engine, Engine::kCld2);
  LanguageGuess en = identifier().identify(
      "The Taliban said on Monday that they had taken the Panjshir valley, the last pocket of "
      "armed resistance, a claim the opposition fighters immediately denied.");
  EXPECT_EQ(en.lang, "en");
  EXPECT_TRUE(en.reliable);
}

TEST(LanguageIdentifier, ShortTitlesGoToFastText) {
  LanguageGuess fr = identifier().identify("Le président quitte Kaboul");
  EXPECT_EQ(fr.lang, "fr");
  EXPECT_EQ(fr.engine, Engine::kFastText);
  EXPECT_EQ(identifier().identify("Protesters clash with police").lang, "en");
  EXPECT_EQ(identifier().identify("Nouvelles frappes dans le nord").lang, "fr");
}

TEST(LanguageIdentifier, OtherLanguagesAreNotCalledFrenchOrEnglish) {
  LanguageGuess de = identifier().identify(
      "Die Bundesregierung hat am Montag neue Sanktionen gegen das Land beschlossen, nachdem die "
      "Verhandlungen über einen Waffenstillstand in der vergangenen Woche gescheitert waren.");
  EXPECT_EQ(de.lang, "de");
  EXPECT_EQ(de.engine, Engine::kCld2);
  LanguageGuess es = identifier().identify(
      "El gobierno anunció el lunes nuevas sanciones contra el país después de que fracasaran las "
      "negociaciones sobre un alto el fuego la semana pasada.");
  EXPECT_EQ(es.lang, "es");
  // Short: fastText says "other", so the answer is CLD2's or unknown, never fr/en.
  for (const char* text : {"Die Regierung tritt zurück", "Nuevas sanciones contra el país"}) {
    std::string lang = identifier().identify(text).lang;
    EXPECT_NE(lang, "fr") << text;
    EXPECT_NE(lang, "en") << text;
  }
}

TEST(LanguageIdentifier, EmptyAndLetterlessTextIsUnknown) {
  for (const char* text : {"", "   \n\t", "12 345 — 2021-09-07 !!!", "... ??? ---"}) {
    LanguageGuess guess = identifier().identify(text);
    EXPECT_EQ(guess.lang, "") << text;
    EXPECT_EQ(guess.engine, Engine::kNone) << text;
    EXPECT_FALSE(guess.reliable) << text;
  }
}

TEST(LanguageIdentifier, InvalidBytesDoNotCrash) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) & 0xFF);
  LanguageGuess guess = identifier().identify(garbage);
  EXPECT_FALSE(guess.reliable && (guess.lang == "fr" || guess.lang == "en"));
  // Control characters (a stray U+0001 in a scraped page) do not make CLD2 give up.
  LanguageGuess with_control = identifier().identify(
      "Les manifestants se sont rassemblés \x01 devant le palais présidentiel pour réclamer "
      "la libération des prisonniers politiques, selon des témoins.");
  EXPECT_EQ(with_control.lang, "fr");
  EXPECT_EQ(with_control.engine, Engine::kCld2);
  // Invalid bytes inside French text are skipped, not fatal.
  EXPECT_EQ(identifier()
                .identify("Les manifestants \xff\xfe se sont rassemblés devant le palais "
                          "présidentiel pour réclamer la libération des prisonniers politiques.")
                .lang,
            "fr");
}

TEST(LanguageIdentifier, SameAnswersFromManyThreads) {
  const std::vector<std::string> texts = {
      "Le président quitte Kaboul", "Protesters clash with police", "Die Regierung tritt zurück",
      "Les talibans ont pris la ville de Kunduz dimanche."};
  std::vector<std::string> expected;
  for (const auto& t : texts) expected.push_back(identifier().identify(t).lang);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int n = 0; n < 4; ++n) {
    threads.emplace_back([&, n] {
      for (int round = 0; round < 200; ++round) {
        for (std::size_t i = 0; i < texts.size(); ++i) {
          if (identifier().identify(texts[i]).lang != expected[i]) ++mismatches[n];
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(LanguageModelFile, MissingFileIsAnError) {
  auto loaded = LanguageIdentifier::load("/nonexistent/langid.ftz");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().where, "/nonexistent/langid.ftz");
  EXPECT_NE(loaded.error().message.find("not found"), std::string::npos);
}

TEST(LanguageModelFile, CorruptFilesAreErrorsNotCrashes) {
  const std::string bytes = read(kModel);
  ASSERT_GT(bytes.size(), 1000u);
  struct Case {
    const char* name;
    std::string bytes;
    const char* message;
  };
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x5A;
  std::string wrong_version = bytes;
  wrong_version.replace(0, 14, "VIGIE-LANGID 9");
  const Case cases[] = {
      {"empty", "", "not a Vigie language model"},
      {"foreign",
       "\x7f"
       "ELF garbage",
       "not a Vigie language model"},
      {"truncated", bytes.substr(0, bytes.size() - 100), "truncated"},
      {"header-only", bytes.substr(0, bytes.find("\n\n")), "truncated model header"},
      {"flipped", flipped, "checksum"},
      {"version", wrong_version, "format version"},
  };
  for (const Case& c : cases) {
    std::string path = temp_file(c.name, c.bytes);
    auto loaded = LanguageIdentifier::load(path);
    ASSERT_FALSE(loaded) << c.name;
    EXPECT_EQ(loaded.error().where, path);
    EXPECT_NE(loaded.error().message.find(c.message), std::string::npos)
        << c.name << ": " << loaded.error().message;
    fs::remove(path);
  }
}

TEST(LanguageModelFile, HeaderSaysWhatAndHowToRebuild) {
  std::string header = read(kModel).substr(0, 2000);
  EXPECT_EQ(header.rfind("VIGIE-LANGID 1\n", 0), 0u);
  EXPECT_NE(header.find("command: vigie train-langid"), std::string::npos);
  EXPECT_NE(identifier().describe().find("fastText"), std::string::npos);
}

TEST(NormalizeForFastText, FoldsAndKeepsLettersOnly) {
  EXPECT_EQ(normalize_for_fasttext("L'Armée a tiré 3 obus, lundi."), "l' armée a tiré obus lundi");
  EXPECT_EQ(normalize_for_fasttext("d\u2019avoir"), "d' avoir");
  EXPECT_EQ(normalize_for_fasttext("  42 !! "), "");
}

TEST(ReadUdTexts, SentencesAndDocuments) {
  std::string path = temp_file("ud.conllu",
                               "# newdoc id = a\n# sent_id = 1\n# text = Une phrase.\n1\tUne\n\n"
                               "# sent_id = 2\n# text = Deux.\n1\tDeux\n\n"
                               "# newdoc id = b\n# text = Trois.\n1\tTrois\n\n");
  auto texts = read_ud_texts(path, 10);
  ASSERT_TRUE(texts) << texts.error().to_string();
  ASSERT_EQ(texts->size(), 3u);
  EXPECT_EQ((*texts)[0].text, "Une phrase.");
  EXPECT_EQ((*texts)[1].document, 0);
  EXPECT_EQ((*texts)[2].document, 1);
  fs::remove(path);
  EXPECT_FALSE(read_ud_texts("/nonexistent.conllu", 10));
  std::string not_xz = temp_file("bad.conllu.xz", "not xz at all");
  auto bad = read_ud_texts(not_xz, 10);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("xz"), std::string::npos);
  fs::remove(not_xz);
}

// A .mo catalogue built here: magic, count, the two tables, then the strings.
std::string make_mo(const std::vector<std::pair<std::string, std::string>>& entries) {
  auto u32 = [](std::uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); };
  const std::uint32_t n = static_cast<std::uint32_t>(entries.size());
  const std::uint32_t originals = 28, translations = originals + 8 * n;
  std::uint32_t offset = translations + 8 * n;
  std::string header =
      u32(0x950412de) + u32(0) + u32(n) + u32(originals) + u32(translations) + u32(0) + u32(0);
  std::string tables_o, tables_t, strings;
  for (const auto& [o, t] : entries) {
    tables_o += u32(static_cast<std::uint32_t>(o.size())) + u32(offset + strings.size());
    strings += o + '\0';
  }
  for (const auto& [o, t] : entries) {
    tables_t += u32(static_cast<std::uint32_t>(t.size())) + u32(offset + strings.size());
    strings += t + '\0';
  }
  return header + tables_o + tables_t + strings;
}

TEST(ReadMoCatalogue, TranslationsCleanedOfFormatDirectives) {
  std::string path =
      temp_file("x.mo", make_mo({{"", "Content-Type: text/plain; charset=UTF-8\n"},
                                 {"cannot open %s: %d files", "Kann %s nicht öffnen: %1$d Dateien"},
                                 {"_Open the file", "Die Datei _öffnen"},
                                 {"same", "same"},
                                 {"word", "Wort"}}));
  auto entries = read_mo_catalogue(path);
  ASSERT_TRUE(entries) << entries.error().to_string();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].translation, "Kann nicht öffnen: Dateien");
  EXPECT_EQ((*entries)[0].original, "cannot open : files");
  EXPECT_EQ((*entries)[1].translation, "Die Datei öffnen");
  fs::remove(path);
  std::string bad = temp_file("bad.mo", "not a catalogue");
  EXPECT_FALSE(read_mo_catalogue(bad));
  fs::remove(bad);
  // A table entry pointing past the end of the file.
  std::string broken = make_mo({{"a b", "c d"}});
  broken.resize(broken.size() - 3);
  std::string broken_path = temp_file("broken.mo", broken);
  EXPECT_FALSE(read_mo_catalogue(broken_path));
  fs::remove(broken_path);
}

TEST(PipelineLanguage, IdentifiedWhenNotGivenAndOtherLanguagesStillGoThrough) {
  auto pipeline = Pipeline::load(std::string(VIGIE_SOURCE_DIR) + "/dictionaries");
  ASSERT_TRUE(pipeline) << pipeline.error().to_string();
  Document fr;
  fr.id = "fr";
  fr.title = "Le président quitte Kaboul";
  fr.text = "Le président afghan a quitté le pays dimanche, selon des responsables.";
  pipeline->run(fr);
  EXPECT_EQ(fr.lang, "fr");

  Document given;
  given.id = "given";
  given.lang = "en";  // the input fixes it: never overridden
  given.text = "Le président afghan a quitté le pays dimanche, selon des responsables.";
  pipeline->run(given);
  EXPECT_EQ(given.lang, "en");

  Document de;
  de.id = "de";
  de.text =
      "Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen, nachdem die "
      "Verhandlungen in Genf gescheitert waren.";
  pipeline->run(de);
  EXPECT_EQ(de.lang, "de");
  EXPECT_FALSE(de.sentences.empty());
  bool said = false;
  for (const auto& d : de.diagnostics) said |= d.stage == "language";
  EXPECT_TRUE(said);

  Document empty;
  empty.id = "empty";
  pipeline->run(empty);
  EXPECT_EQ(empty.lang, "en");  // unknown: English rules, with a diagnostic
}

}  // namespace
}  // namespace vigie::langid
