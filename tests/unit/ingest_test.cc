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
  EXPECT_EQ(normalise_date("2021-02-30x"), "");  // no 30 February
  EXPECT_EQ(normalise_date("2024-02-29"), "2024-02-29");
  EXPECT_EQ(normalise_date("https://example.org/news/2019/11/19/story.html"), "2019-11-19");
  EXPECT_EQ(normalise_date("12021-09-07"), "");  // five digits are not a year
  EXPECT_EQ(normalise_date("Stand: 02.01.2022, 10:15 Uhr"), "2022-01-02");  // day first
  EXPECT_EQ(normalise_date("02/01/2022"), "");  // ambiguous: 2 January or February 1
  EXPECT_EQ(normalise_date("1.2.20221"), "");
}

TEST(NormaliseDate, WrittenFrenchDates) {
  EXPECT_EQ(normalise_date("6 septembre 2021"), "2021-09-06");
  EXPECT_EQ(normalise_date("1er octobre 2021"), "2021-10-01");
  EXPECT_EQ(normalise_date("lundi 6 septembre 2021"), "2021-09-06");
  EXPECT_EQ(normalise_date("Publié le 6 septembre 2021 à 10h05"), "2021-09-06");
  EXPECT_EQ(normalise_date("Mis à jour le 15 août 2021"), "2021-08-15");
  EXPECT_EQ(normalise_date("3 Février 2020"), "2020-02-03");
  EXPECT_EQ(normalise_date("7 d\xC3\xA9"
                           "c. 2019"),
            "2019-12-07");
  EXPECT_EQ(normalise_date("6\xC2\xA0septembre\xC2\xA0"
                           "2021"),
            "2021-09-06");  // no-break spaces
}

TEST(NormaliseDate, WrittenEnglishAndGermanDates) {
  EXPECT_EQ(normalise_date("Sept. 6, 2021"), "2021-09-06");
  EXPECT_EQ(normalise_date("Updated Sept. 6, 2021"), "2021-09-06");
  EXPECT_EQ(normalise_date("September 6, 2021"), "2021-09-06");
  EXPECT_EQ(normalise_date("6 Sep 2021"), "2021-09-06");
  EXPECT_EQ(normalise_date("Monday, 6 September 2021"), "2021-09-06");
  EXPECT_EQ(normalise_date("Mon, 06 Sep 2021 10:00:00 GMT"), "2021-09-06");
  EXPECT_EQ(normalise_date("November 19th, 2019"), "2019-11-19");
  EXPECT_EQ(normalise_date("6. September 2021"), "2021-09-06");
  EXPECT_EQ(normalise_date("19. März 2020"), "2020-03-19");
}

TEST(NormaliseDate, WrittenDatesNeedAdjacentRealParts) {
  EXPECT_EQ(normalise_date("31 September 2021"), "");  // no such day
  EXPECT_EQ(normalise_date("6 people in September; 2021 was"), "");
  EXPECT_EQ(normalise_date("May I come in 2021?"), "");
  EXPECT_EQ(normalise_date("the 2021 season, september"), "");
  EXPECT_EQ(normalise_date(""), "");
  EXPECT_EQ(normalise_date(std::string(100000, '9')), "");  // linear scan, no match
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

TEST(DocumentFromHtml, JsonLdGraphAuthorsAndCdataAreRead) {
  Document d = document_from_html(
      "g.html",
      "<html><head><script type=\"application/ld+json\"><![CDATA[{\"@graph\":["
      "{\"@type\":\"WebSite\",\"name\":\"Le Site\"},"
      "{\"@type\":[\"NewsArticle\"],\"headline\":\"Accord conclu\","
      "\"datePublished\":\"2021-09-06T10:05:00+02:00\","
      "\"author\":[{\"@type\":\"Person\",\"name\":\"Anne Dupont\"},\"Marc Petit\","
      "{\"@id\":\"https://example.org/auteur\"}]}]}]]></script></head>"
      "<body><p>Corps.</p></body></html>");
  EXPECT_EQ(d.title, "Accord conclu");
  EXPECT_EQ(d.published, "2021-09-06");
  EXPECT_EQ(d.author, "Anne Dupont, Marc Petit");
}

TEST(DocumentFromHtml, MetaAuthorThatIsAUrlIsSkipped) {
  Document d = document_from_html(
      "m.html",
      "<html><head><meta property=\"article:author\" content=\"https://facebook.com/x\">"
      "<meta name=\"author\" content=\"By Jane Roe\"></head><body><p>Body.</p></body></html>");
  EXPECT_EQ(d.author, "Jane Roe");
}

TEST(DocumentFromHtml, VisibleBylineAndDatelineAreTheLastResort) {
  Document d = document_from_html(
      "v.html",
      "<html><head><title>Le gouvernement recule sur la réforme | Le Quotidien</title></head>"
      "<body><article><h1>Le gouvernement recule sur la réforme</h1>"
      "<div class=\"article-byline\">Par Claire Martin - Service politique</div>"
      "<p class=\"published\">Publié le 6 septembre 2021 à 10h05</p>"
      "<p>Le gouvernement a renoncé lundi à une partie de sa réforme des retraites.</p>"
      "</article></body></html>");
  EXPECT_EQ(d.title, "Le gouvernement recule sur la réforme");
  EXPECT_EQ(d.author, "Claire Martin");
  EXPECT_EQ(d.published, "2021-09-06");
}

TEST(DocumentFromHtml, DateWrittenAfterTheHeadlineIsFound) {
  Document d = document_from_html(
      "w.html",
      "<html><body><h1>Storm hits the coast</h1><p>Updated Sept. 6, 2021</p>"
      "<p>A storm hit the coast on Monday, the weather service said.</p></body></html>");
  EXPECT_EQ(d.published, "2021-09-06");
}

TEST(DocumentFromHtml, MetadataDatesOutrankTheUrlAndTheDateline) {
  Document d = document_from_html(
      "o.html",
      "<html><head><meta property=\"article:published_time\" content=\"2021-09-07T08:00Z\">"
      "<link rel=\"canonical\" href=\"https://example.org/2021/09/01/story\"></head>"
      "<body><h1>Title here</h1><p>September 2, 2021</p><p>Body.</p></body></html>");
  EXPECT_EQ(d.published, "2021-09-07");
  Document from_url = document_from_html(
      "u.html",
      "<html><head><link rel=\"canonical\" href=\"https://example.org/2021/09/01/story\">"
      "</head><body><h1>Title here</h1><p>September 2, 2021</p><p>Body.</p></body></html>");
  EXPECT_EQ(from_url.published, "2021-09-01");
  Document compact = document_from_html(
      "c.html",
      "<html><head><link rel=\"canonical\" href=\"https://example.org/news/20200516/story\">"
      "</head><body><p>Body.</p></body></html>");
  EXPECT_EQ(compact.published, "2020-05-16");
}

TEST(DocumentFromHtml, SiteNameIsStrippedFromTheTitle) {
  Document d = document_from_html(
      "s.html",
      "<html><head><meta property=\"og:title\" content=\"Markets rally on jobs data - Daily News\">"
      "<meta property=\"og:site_name\" content=\"Daily News\"></head>"
      "<body><p>Body.</p></body></html>");
  EXPECT_EQ(d.title, "Markets rally on jobs data");
  // <title> alone: a short last part is a site name; a heading section (<h1> it does not
  // repeat) does not replace it.
  Document t =
      document_from_html("t.html",
                         "<html><head><title>Markets rally on jobs data | Daily News</title></head>"
                         "<body><h1>Business</h1><p>Body.</p></body></html>");
  EXPECT_EQ(t.title, "Markets rally on jobs data");
}

TEST(DocumentFromHtml, CommentThreadDoesNotOutscoreTheArticle) {
  // The thread is named only by its wrapper: the collector alone would keep a reply.
  std::string article, comments;
  for (int i = 0; i < 6; ++i) {
    article +=
        "<p>The ministry said on Tuesday that the new rules, which apply from May, "
        "would cover imports, exports and transit goods alike.</p>";
  }
  for (int i = 0; i < 12; ++i) {
    comments +=
        "<div class=\"post\"><div class=\"post-body\"><p>I disagree, strongly, with "
        "this, and with that, and with the rest, of what was said here, by the minister, "
        "by the author, and by everyone.</p></div></div>";
  }
  Document d = document_from_html("c.html", "<html><body><div>" + article +
                                                "</div><div id=\"disqus_thread\">" + comments +
                                                "</div></body></html>");
  EXPECT_NE(d.text.find("The ministry said"), std::string::npos);
  EXPECT_EQ(d.text.find("I disagree"), std::string::npos) << d.text;
}

TEST(DocumentFromHtml, InlineTextBesideBlocksScoresItsContainer) {
  // A date line in <small> must not become the article: the text beside it is.
  std::string text;
  for (int i = 0; i < 3; ++i)
    text += "A equipe registrou nesta manhã o arrombamento de dois veículos. ";
  Document d = document_from_html(
      "i.html",
      "<html><body><div><p class=\"t\">Titulo</p><small class=\"text-muted\"><b>05/10/2018"
      "</b> - Publicado por: Clara Borba - Categoria: Saúde - Tags: arrombamento, veículo, "
      "atendimento domiciliar, secretaria municipal de saúde, bairro Amizade, polícia "
      "militar</small><br>" +
          text + "<br></div></body></html>");
  EXPECT_NE(d.text.find("A equipe registrou"), std::string::npos) << d.text;
}

TEST(DocumentFromHtml, DeclaredArticleBeatsACloseTeaserStrip) {
  std::string story, teasers;
  for (int i = 0; i < 4; ++i) {
    story +=
        "<p>The protests, which began in June, spread to the airport on Monday, and the "
        "police, outnumbered, withdrew from two districts before dawn, witnesses said.</p>";
  }
  for (int i = 0; i < 12; ++i) {
    teasers +=
        "<div class=\"card\"><p>Another opinion piece, on another subject, with "
        "its own summary, written by, and for, readers of the opinion section.</p></div>";
  }
  Document d =
      document_from_html("d.html", "<html><body><main><article><div>" + story +
                                       "</div></article></main><div><div><div class=\"below\">" +
                                       teasers + "</div></div></div></body></html>");
  EXPECT_NE(d.text.find("The protests"), std::string::npos) << d.text;
  EXPECT_EQ(d.text.find("Another opinion piece"), std::string::npos) << d.text;
}

TEST(DocumentFromHtml, HostileMetadataIsReadInBoundedTime) {
  std::string dots;
  for (int i = 0; i < 200000; ++i) dots += "1.";
  std::string long_byline(20000, 'x');
  Document d = document_from_html(
      "h.html", "<html><head><meta name=\"date\" content=\"" + dots +
                    "\">"
                    "<title> | - | </title><script type=\"application/ld+json\">"
                    "{\"@type\":\"NewsArticle\",\"author\":[[[[{\"name\":1}]]]],"
                    "\"@graph\":[{\"@graph\":[{\"@graph\":[{\"@graph\":[]}]}]}]}</script>"
                    "</head><body><h1>31 Feb</h1><div class=\"byline\">By " +
                    long_byline +
                    "</div><p class=\"date\">September 31, 2021</p><p>Body.</p></body></html>");
  EXPECT_EQ(d.published, "");
  EXPECT_EQ(d.author, "");  // a 20,000-character "byline" names no one
}

TEST(DocumentFromHtml, ArticleInAWrapperNamedLikeFurnitureIsKept) {
  std::string paragraphs;
  for (int i = 0; i < 4; ++i) {
    paragraphs +=
        "<p>Shares fell on Tuesday after the company cut its forecast, analysts said, "
        "and the index closed lower.</p>";
  }
  Document d = document_from_html(
      "w.html",
      "<html><body><article><div class=\"content-wrp\"><p>Lead paragraph of the story, "
      "with enough words to count as text.</p><div class=\"paywall\">" +
          paragraphs + "</div></div></article></body></html>");
  EXPECT_NE(d.text.find("Shares fell on Tuesday"), std::string::npos) << d.text;
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
