#include "ingest/ingest.h"
#include "ingest/charset.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <fstream>

namespace vigie::ingest {
namespace {

const std::string kDictionaries = std::string(VIGIE_SOURCE_DIR) + "/dictionaries";

BoilerplateLexicon lexicon() {
  auto loaded = BoilerplateLexicon::load(kDictionaries + "/ingest/boilerplate.yaml");
  EXPECT_TRUE(loaded.ok()) << loaded.error().to_string();
  return std::move(loaded).value();
}

TEST(DocumentFromText, FirstShortLineIsTheTitle) {
  BoilerplateLexicon words = lexicon();
  Document d = document_from_text("a.txt", "Un titre sans point\n\nLe corps. Suite.\n", &words);
  EXPECT_EQ(d.title, "Un titre sans point");
  EXPECT_EQ(d.text, "Le corps. Suite.");
}

TEST(DocumentFromText, FirstLineEndingWithAPeriodIsBody) {
  Document d = document_from_text("a.txt", "Une phrase.\n\nUne autre.\n", nullptr);
  EXPECT_EQ(d.title, "");
  EXPECT_EQ(d.text, "Une phrase.\n\nUne autre.");
}

TEST(DocumentFromText, TrailingBoilerplateIsDropped) {
  BoilerplateLexicon words = lexicon();
  Document d = document_from_text(
      "a.txt",
      "Titre\n\nLe texte de l'article.\n\nRelated articles\n\nLEAVE A REPLY\n\nPlease enter your "
      "comment!\nPlease enter your name here",
      &words);
  EXPECT_EQ(d.text, "Le texte de l'article.");
  ASSERT_FALSE(d.diagnostics.empty());
}

TEST(DocumentFromText, ArticleTextIsNeverCut) {
  BoilerplateLexicon words = lexicon();
  // "Commentaires" opens a line, but a long paragraph after it is article text: nothing is cut.
  std::string long_paragraph =
      "Les observateurs ont noté que les pourparlers entre les deux parties ont repris mardi dans "
      "la capitale après trois semaines d'interruption et de vives tensions à la frontière.";
  Document d = document_from_text("a.txt", "Titre\n\nCommentaires\n\n" + long_paragraph, &words);
  EXPECT_NE(d.text.find("Commentaires"), std::string::npos);
  EXPECT_NE(d.text.find("frontière."), std::string::npos);
}

TEST(BoilerplateLexicon, MatchesWholeWordsOnly) {
  BoilerplateLexicon words = lexicon();
  EXPECT_TRUE(words.matches("Related articles"));
  EXPECT_TRUE(words.matches("  LIRE AUSSI : la suite"));
  EXPECT_FALSE(words.matches("Commentsection"));
  EXPECT_FALSE(words.matches("Le gouvernement a partagé"));
}

TEST(BoilerplateLexicon, MalformedFileIsAnErrorNamingTheFile) {
  std::string path = testing::TempDir() + "/bad_boilerplate.yaml";
  std::ofstream(path) << "format: vigie-boilerplate\nphrases:\n  en: not-a-list\n";
  auto loaded = BoilerplateLexicon::load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().to_string().find("bad_boilerplate.yaml:"), std::string::npos);
}

TEST(DocumentFromHtml, MetadataAndArticleBody) {
  const char* html = R"(<!DOCTYPE html><html lang="fr-FR"><head>
    <meta charset="utf-8"><title>Titre de page | Site</title>
    <meta property="og:title" content="Titre OG">
    <meta property="og:site_name" content="Le Site">
    <link rel="canonical" href="https://example.org/a">
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"Le vrai titre",
      "datePublished":"2024-03-18T17:45:00Z","author":{"@type":"Person","name":"A. Auteur"}}</script>
    </head><body><nav><a href="/">Accueil</a></nav>
    <article><h1>Le vrai titre</h1><p>Premier paragraphe &amp; suite.</p>
    <div class="share-buttons">Partager</div><p>Second paragraphe.</p>
    <aside>À lire aussi</aside><script>var x = 1;</script></article>
    <footer>Mentions légales</footer></body></html>)";
  Document d = document_from_html("page.html", html);
  EXPECT_EQ(d.title, "Le vrai titre");
  EXPECT_EQ(d.published, "2024-03-18");
  EXPECT_EQ(d.author, "A. Auteur");
  EXPECT_EQ(d.site, "Le Site");
  EXPECT_EQ(d.url, "https://example.org/a");
  EXPECT_EQ(d.lang, "fr");
  EXPECT_EQ(d.text, "Premier paragraphe & suite.\n\nSecond paragraphe.");
}

TEST(DocumentFromHtml, BrokenHtmlStillGivesText) {
  Document d = document_from_html("x.html", "<html><body><p>Texte <b>non fermé<p>Suite");
  EXPECT_EQ(d.text, "Texte non fermé\n\nSuite");
}

TEST(DocumentFromHtml, InvalidJsonLdIsADiagnosticNotAFailure) {
  Document d = document_from_html(
      "x.html", "<html><head><script type='application/ld+json'>{oops</script></head>"
                "<body><p>Corps.</p></body></html>");
  EXPECT_EQ(d.text, "Corps.");
  ASSERT_EQ(d.diagnostics.size(), 1u);
}

TEST(NormaliseDate, CommonMetadataForms) {
  EXPECT_EQ(normalise_date("2021-09-07T10:00:00+02:00"), "2021-09-07");
  EXPECT_EQ(normalise_date("2021/9/7"), "2021-09-07");
  EXPECT_EQ(normalise_date("yesterday"), "");
  EXPECT_EQ(normalise_date("2021-02-30x"), "2021-02-30");  // day range only; calendar check later
}

TEST(InputReader, ReadsJsonLinesAndReportsBadLines) {
  std::string path = testing::TempDir() + "/docs.jsonl";
  std::ofstream(path) << R"({"id":"a","text":"Un texte.","lang":"fr","published":"2024-01-02"})"
                      << "\n{broken\n"
                      << R"({"id":"c","title":"T","html":"<p>Corps</p>"})" << "\n";
  std::vector<Document> documents;
  std::vector<Error> errors;
  InputReader reader({}, [&](Document&& d) { documents.push_back(std::move(d)); },
                     [&](const Error& e) { errors.push_back(e); });
  EXPECT_EQ(reader.read(path), 2u);
  ASSERT_EQ(documents.size(), 2u);
  EXPECT_EQ(documents[0].id, "a");
  EXPECT_EQ(documents[0].published, "2024-01-02");
  EXPECT_EQ(documents[1].title, "T");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where, path + ":2");
}

TEST(InputReader, CallerDateAndLanguageWin) {
  std::string path = testing::TempDir() + "/2020-01-01-article.txt";
  std::ofstream(path) << "Corps de l'article.";
  ReadOptions options;
  options.published = "2021-09-07";
  options.lang = "fr";
  std::vector<Document> documents;
  InputReader reader(options, [&](Document&& d) { documents.push_back(std::move(d)); },
                     [](const Error&) {});
  reader.read(path);
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].published, "2021-09-07");
  EXPECT_EQ(documents[0].lang, "fr");
  EXPECT_EQ(documents[0].id, "2020-01-01-article.txt");
}

TEST(InputReader, DateInFileNameIsAHint) {
  std::string path = testing::TempDir() + "/2020-01-01-article.txt";
  std::ofstream(path) << "Corps de l'article.";
  std::vector<Document> documents;
  InputReader reader({}, [&](Document&& d) { documents.push_back(std::move(d)); },
                     [](const Error&) {});
  reader.read(path);
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].published, "2020-01-01");
}

}  // namespace
}  // namespace vigie::ingest

namespace vigie::ingest {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(VIGIE_SOURCE_DIR) + "/tests/unit/fixtures/html/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Each paragraph in its own card: the article is the cards' common ancestor; the teaser rail,
// the link list, the comments, the navigation and the footer stay out.
TEST(DocumentFromHtml, ParagraphCardsAreJoinedAndFurnitureDropped) {
  Document d = document_from_html("cards.html", read_fixture("cards.html"));
  EXPECT_EQ(d.title, "Harbour talks resume after two-week pause");
  EXPECT_EQ(d.site, "Coastline Herald");
  EXPECT_EQ(d.lang, "en");
  EXPECT_EQ(d.text.rfind("PORTMOUTH, March 4", 0), 0u) << d.text;
  EXPECT_NE(d.text.find("other ports along the coast."), std::string::npos) << d.text;
  for (const char* furniture : {"Ten things", "Strike enters", "Great article", "All rights",
                                "Sport"}) {
    EXPECT_EQ(d.text.find(furniture), std::string::npos) << furniture << " in:\n" << d.text;
  }
  EXPECT_EQ(std::count(d.text.begin(), d.text.end(), '\n'), 6) << d.text;  // 4 paragraphs
}

// Text directly in a div (paragraphs separated by <br>) scores as a paragraph, and an article
// whose class names its author ("author-jean-dupont") is not taken for a byline block.
TEST(DocumentFromHtml, LooseTextInArticleBodyIsKept) {
  Document d = document_from_html("loose.html", read_fixture("loose_text.html"));
  EXPECT_EQ(d.text.rfind("NIAMEY, 2 mai", 0), 0u) << d.text;
  EXPECT_NE(d.text.find("dès mercredi"), std::string::npos) << d.text;
  EXPECT_EQ(d.text.find("Abonnez-vous"), std::string::npos) << d.text;
  EXPECT_EQ(d.text.find("Accueil"), std::string::npos) << d.text;
}

TEST(DocumentFromHtml, HiddenElementsAndLinkHeavyParagraphsAreDropped) {
  Document d = document_from_html(
      "h.html",
      "<html><body><article><p>Le conseil de sécurité se réunira jeudi, a indiqué la présidence, "
      "à la demande de trois membres.</p><p style=\"display: none\">Texte caché du modèle de "
      "page, jamais affiché au lecteur.</p><p hidden>Autre texte caché.</p><p><a href=\"/x\">Lire "
      "aussi : le conseil de sécurité</a> et</p></article></body></html>");
  EXPECT_EQ(d.text, "Le conseil de sécurité se réunira jeudi, a indiqué la présidence, à la "
                    "demande de trois membres.");
}

TEST(DocumentFromHtmlBytes, Latin1PageIsConvertedAndNoted) {
  Document d = document_from_html_bytes(
      "b.html", "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 ferm\xe9 "
                "par d\xe9" "cret du pr\xe9" "fet de police.</p></body></html>");
  EXPECT_EQ(d.text, "Café fermé par décret du préfet de police.");
  ASSERT_FALSE(d.diagnostics.empty());
  EXPECT_NE(d.diagnostics.back().message.find("WINDOWS-1252"), std::string::npos);
}

}  // namespace
}  // namespace vigie::ingest

namespace vigie::ingest {
namespace {

TEST(PageToUtf8, DeclaredLatin1IsConvertedNotRepaired) {
  Utf8Page page = page_to_utf8(
      "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Le pr\xe9" "fet a d\xe9" "cid\xe9"
      ".</p></body></html>");
  EXPECT_EQ(page.charset, "ISO-8859-1");
  EXPECT_EQ(page.evidence, "declared");
  EXPECT_EQ(page.replaced, 0u);
  EXPECT_NE(page.text.find("Le préfet a décidé."), std::string::npos) << page.text;
}

TEST(PageToUtf8, HttpEquivDeclarationIsRead) {
  EXPECT_EQ(declared_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                             "charset=windows-1252\">"),
            "WINDOWS-1252");
  EXPECT_EQ(declared_charset("<html><body>no declaration</body></html>"), "");
}

TEST(PageToUtf8, BomAndValidUtf8AreKept) {
  Utf8Page bom = page_to_utf8("\xEF\xBB\xBF<p>Été</p>");
  EXPECT_EQ(bom.text, "<p>Été</p>");
  EXPECT_EQ(bom.evidence, "bom");
  Utf8Page plain = page_to_utf8("<p>Été</p>");
  EXPECT_EQ(plain.evidence, "valid-utf8");
  EXPECT_EQ(plain.text, "<p>Été</p>");
}

TEST(PageToUtf8, UndeclaredNonUtf8IsDetectedOrDefaulted) {
  Utf8Page page = page_to_utf8("<p>Les n\xe9gociations de la d\xe9l\xe9gation ont \xe9t\xe9 "
                               "suspendues apr\xe8s l'\xe9chec du sommet.</p>");
  EXPECT_TRUE(page.evidence == "detected" || page.evidence == "default") << page.evidence;
  EXPECT_NE(page.text.find("négociations"), std::string::npos) << page.text;
}

}  // namespace
}  // namespace vigie::ingest

namespace vigie::ingest {
namespace {

// The visible page holds only a teaser; the JSON-LD articleBody holds the article.
TEST(DocumentFromHtml, JsonLdArticleBodyReplacesATeaser) {
  std::string body;
  for (int i = 0; i < 8; ++i) {
    body += "Le parlement a adopté la loi de finances en seconde lecture, après un débat de nuit. ";
  }
  std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"headline\":\"Budget adopté\",\"articleBody\":\"" + body + "\"}</script></head><body>"
      "<article><p>Le parlement a adopté la loi de finances, lisez la suite en vous abonnant.</p>"
      "</article></body></html>";
  Document d = document_from_html("t.html", html);
  EXPECT_EQ(d.text.rfind("Le parlement a adopté la loi de finances en seconde lecture", 0), 0u)
      << d.text;
  EXPECT_GT(d.text.size(), 500u);
  ASSERT_FALSE(d.diagnostics.empty());
  EXPECT_NE(d.diagnostics.back().message.find("JSON-LD"), std::string::npos);
}

}  // namespace
}  // namespace vigie::ingest
