// Container inputs of stage `ingest`: WARC / WARC.gz archives and RSS / Atom feeds. Every
// fixture is written here, by hand, from the team's own sentences.
#include "ingest/containers.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace vigie::ingest {
namespace {

namespace fs = std::filesystem;

const char kPage[] =
    "<!DOCTYPE html><html lang=\"en\"><head><title>Kenya hosts talks on the border</title>"
    "</head><body><article><h1>Kenya hosts talks on the border</h1>"
    "<p>The Kenyan president met Somali officials in Nairobi on Tuesday to discuss security "
    "along the shared border.</p><p>Both delegations agreed to meet again next month.</p>"
    "</article></body></html>";

const char kDatedPage[] =
    "<!DOCTYPE html><html lang=\"fr\"><head><title>Le Tchad livre de l'aide</title>"
    "<meta property=\"article:published_time\" content=\"2024-03-10T08:00:00Z\"></head>"
    "<body><article><p>Le Tchad a livré mardi de l'aide alimentaire aux réfugiés du Darfour "
    "arrivés à la frontière.</p></article></body></html>";

std::string warc_record(const std::string& type, const std::string& uri,
                        const std::string& content_type, const std::string& block,
                        const std::string& date = "2024-03-13T09:30:00Z") {
  std::string out = "WARC/1.0\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) out += "WARC-Target-URI: " + uri + "\r\n";
  out += "WARC-Date: " + date + "\r\nWARC-Record-ID: <urn:uuid:" + type + "-" +
         std::to_string(block.size()) + ">\r\n";
  out += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(block.size()) +
         "\r\n\r\n";
  return out + block + "\r\n\r\n";
}

std::string http_response(const std::string& headers, const std::string& body,
                          const std::string& status = "200 OK") {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

std::string gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// The five record types of a small crawl: warcinfo, request, response (HTML), response (image),
// metadata.
std::vector<std::string> crawl_records() {
  return {
      warc_record("warcinfo", "", "application/warc-fields",
                  "software: team-written fixture\r\nformat: WARC File Format 1.0\r\n"),
      warc_record("request", "https://news.example/kenya-talks",
                  "application/http; msgtype=request",
                  "GET /kenya-talks HTTP/1.1\r\nHost: news.example\r\n\r\n"),
      warc_record("response", "https://news.example/kenya-talks",
                  "application/http; msgtype=response",
                  http_response("Content-Type: text/html; charset=utf-8\r\n", kPage)),
      warc_record("response", "https://news.example/logo.png", "application/http; msgtype=response",
                  http_response("Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n")),
      warc_record("metadata", "https://news.example/kenya-talks", "application/warc-fields",
                  "fetchTimeMs: 120\r\n"),
  };
}

struct Collected {
  std::vector<Document> documents;
  std::vector<Error> errors;
  ContainerSummary summary;
};

Collected read_warc_bytes(const std::string& bytes, ReadOptions options = {},
                          const std::string& name = "crawl.warc") {
  Collected out;
  out.summary = read_warc(
      name, ByteInput{bytes, -1}, options,
      [&](Document&& d) { out.documents.push_back(std::move(d)); },
      [&](const Error& e) { out.errors.push_back(e); });
  return out;
}

Collected read_feed_bytes(const std::string& bytes, const std::string& name = "news.rss") {
  Collected out;
  out.summary = read_feed(
      name, ByteInput{bytes, -1}, ReadOptions{},
      [&](Document&& d) { out.documents.push_back(std::move(d)); },
      [&](const Error& e) { out.errors.push_back(e); });
  return out;
}

std::string all_errors(const std::vector<Error>& errors) {
  std::string out;
  for (const Error& e : errors) out += e.to_string() + "\n";
  return out;
}

bool has_diagnostic(const Document& d, const std::string& part) {
  for (const Diagnostic& diagnostic : d.diagnostics) {
    if (diagnostic.message.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(Warc, KeepsHtmlResponsesAndCountsTheRest) {
  std::string archive;
  for (const std::string& record : crawl_records()) archive += record;
  Collected got = read_warc_bytes(archive);
  EXPECT_TRUE(got.errors.empty()) << all_errors(got.errors);
  ASSERT_EQ(got.documents.size(), 1u);
  const Document& d = got.documents[0];
  EXPECT_EQ(d.id, "crawl.warc#3");
  EXPECT_EQ(d.url, "https://news.example/kenya-talks");
  EXPECT_EQ(d.title, "Kenya hosts talks on the border");
  EXPECT_NE(d.text.find("Somali officials in Nairobi"), std::string::npos);
  EXPECT_NE(d.text.find("\n\nBoth delegations"), std::string::npos);  // paragraphs kept
  EXPECT_EQ(d.published, "2024-03-13");  // the page has no date: WARC-Date, said so
  EXPECT_TRUE(has_diagnostic(d, "WARC-Date"));
  EXPECT_EQ(got.summary.records, 5u);
  EXPECT_EQ(got.summary.documents, 1u);
  EXPECT_EQ(got.summary.not_response, 3u);
  EXPECT_EQ(got.summary.not_html, 1u);
}

TEST(Warc, GzipOneMemberPerRecordReadsTheSame) {
  std::string archive;
  for (const std::string& record : crawl_records()) archive += gzip(record);
  Collected got = read_warc_bytes(archive, {}, "crawl.warc.gz");
  EXPECT_TRUE(got.errors.empty()) << all_errors(got.errors);
  ASSERT_EQ(got.documents.size(), 1u);
  EXPECT_EQ(got.documents[0].id, "crawl.warc.gz#3");
  EXPECT_EQ(got.summary.records, 5u);
}

TEST(Warc, PageDateWinsOverWarcDate) {
  std::string archive =
      warc_record("response", "https://actu.example/tchad", "application/http; msgtype=response",
                  http_response("Content-Type: text/html\r\n", kDatedPage), "2024-03-20T00:00:00Z");
  Collected got = read_warc_bytes(archive);
  ASSERT_EQ(got.documents.size(), 1u) << all_errors(got.errors);
  EXPECT_EQ(got.documents[0].published, "2024-03-10");
  EXPECT_FALSE(has_diagnostic(got.documents[0], "WARC-Date"));
}

TEST(Warc, ChunkedAndGzipEncodedBodyIsDecoded) {
  std::string body = gzip(kPage);
  std::string chunked;
  for (std::size_t pos = 0; pos < body.size(); pos += 100) {
    std::string piece = body.substr(pos, 100);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", piece.size());
    chunked += std::string(size) + "\r\n" + piece + "\r\n";
  }
  chunked += "0\r\n\r\n";
  std::string archive =
      warc_record("response", "https://news.example/chunked", "application/http; msgtype=response",
                  http_response("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                                "Content-Encoding: gzip\r\n",
                                chunked));
  Collected got = read_warc_bytes(archive);
  EXPECT_TRUE(got.errors.empty()) << all_errors(got.errors);
  ASSERT_EQ(got.documents.size(), 1u);
  EXPECT_NE(got.documents[0].text.find("Somali officials"), std::string::npos);
}

TEST(Warc, HttpCharsetIsHonoured) {
  // "Le Tchad a livré de l'aide aux réfugiés." in ISO-8859-1; no <meta charset>.
  std::string latin1 =
      "<html><body><article><p>Le Tchad a livr\xe9 de l'aide alimentaire aux r\xe9"
      "fugi\xe9s du Darfour, a indiqu\xe9 le minist\xe8re mardi soir.</p></article></body></html>";
  std::string archive =
      warc_record("response", "https://actu.example/a", "application/http; msgtype=response",
                  http_response("Content-Type: text/html; charset=ISO-8859-1\r\n", latin1));
  Collected got = read_warc_bytes(archive);
  ASSERT_EQ(got.documents.size(), 1u) << all_errors(got.errors);
  EXPECT_NE(got.documents[0].text.find("réfugiés"), std::string::npos) << got.documents[0].text;
  EXPECT_TRUE(has_diagnostic(got.documents[0], "ISO-8859-1 (transport)"));
}

TEST(Warc, NonOkStatusAndUntypedPayloads) {
  std::string archive =
      warc_record("response", "https://news.example/moved", "application/http; msgtype=response",
                  http_response("Location: /x\r\n", "", "301 Moved Permanently")) +
      // No Content-Type: the body is sniffed.
      warc_record("response", "https://news.example/sniffed", "application/http; msgtype=response",
                  http_response("Server: test\r\n", kPage)) +
      warc_record("revisit", "https://news.example/sniffed", "application/http", "");
  Collected got = read_warc_bytes(archive);
  EXPECT_TRUE(got.errors.empty()) << all_errors(got.errors);
  ASSERT_EQ(got.documents.size(), 1u);
  EXPECT_EQ(got.documents[0].id, "crawl.warc#2");
  EXPECT_EQ(got.summary.http_not_ok, 1u);
  EXPECT_EQ(got.summary.not_response, 1u);
}

TEST(Warc, TruncatedArchiveKeepsEarlierRecords) {
  std::string good =
      warc_record("response", "https://news.example/one", "application/http; msgtype=response",
                  http_response("Content-Type: text/html\r\n", kPage));
  std::string second =
      warc_record("response", "https://news.example/two", "application/http; msgtype=response",
                  http_response("Content-Type: text/html\r\n", kDatedPage));
  std::string cut = good + second.substr(0, second.size() - 200);
  Collected got = read_warc_bytes(cut, {}, "dir/archive.warc");
  ASSERT_EQ(got.documents.size(), 1u);
  EXPECT_EQ(got.documents[0].url, "https://news.example/one");
  ASSERT_EQ(got.errors.size(), 1u);
  std::string message = got.errors[0].to_string();
  EXPECT_FALSE(got.errors[0].warning);
  EXPECT_NE(message.find("dir/archive.warc: record 2 at byte " + std::to_string(good.size())),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("truncated"), std::string::npos) << message;

  // The same cut inside a gzip member.
  std::string gz = gzip(good) + gzip(second);
  Collected gz_got = read_warc_bytes(gz.substr(0, gz.size() - 30), {}, "archive.warc.gz");
  ASSERT_EQ(gz_got.documents.size(), 1u);
  ASSERT_EQ(gz_got.errors.size(), 1u);
  EXPECT_NE(gz_got.errors[0].message.find("record 2"), std::string::npos)
      << gz_got.errors[0].message;
  EXPECT_NE(gz_got.errors[0].message.find("truncated"), std::string::npos)
      << gz_got.errors[0].message;
}

TEST(Warc, BadHeadersAreNamed) {
  std::string good =
      warc_record("response", "https://news.example/one", "application/http; msgtype=response",
                  http_response("Content-Type: text/html\r\n", kPage));
  Collected no_length =
      read_warc_bytes(good + "WARC/1.0\r\nWARC-Type: response\r\n\r\nbody\r\n\r\n" + good);
  EXPECT_EQ(no_length.documents.size(), 1u);
  ASSERT_EQ(no_length.errors.size(), 1u);
  EXPECT_NE(no_length.errors[0].message.find("record 2"), std::string::npos);
  EXPECT_NE(no_length.errors[0].message.find("no Content-Length"), std::string::npos);

  Collected garbage = read_warc_bytes("GET / HTTP/1.1\r\n\r\n");
  ASSERT_EQ(garbage.errors.size(), 1u);
  EXPECT_NE(garbage.errors[0].message.find("not a WARC archive"), std::string::npos);

  Collected beyond = read_warc_bytes(
      "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nHTTP/1.1 200 OK\r\n");
  ASSERT_EQ(beyond.errors.size(), 1u);
  EXPECT_NE(beyond.errors[0].message.find("Content-Length is 999999"), std::string::npos)
      << beyond.errors[0].message;
}

TEST(Warc, OversizeRecordIsSkippedAndReadingGoesOn) {
  std::string big_page = std::string(kPage).insert(60, std::string(5000, ' '));
  std::string archive =
      warc_record("response", "https://news.example/big", "application/http; msgtype=response",
                  http_response("Content-Type: text/html\r\n", big_page)) +
      warc_record("response", "https://news.example/small", "application/http; msgtype=response",
                  http_response("Content-Type: text/html\r\n", kPage));
  ReadOptions options;
  options.max_document_bytes = 2000;
  Collected got = read_warc_bytes(archive, options);
  ASSERT_EQ(got.documents.size(), 1u);
  EXPECT_EQ(got.documents[0].url, "https://news.example/small");
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_NE(got.errors[0].message.find("record 1"), std::string::npos);
  EXPECT_NE(got.errors[0].message.find("limit"), std::string::npos);
}

const char kRss[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Le Fil Afrique</title>
  <link>https://fil.example/</link>
  <language>fr-FR</language>
  <item>
    <title>Kinshasa accuse Kigali</title>
    <link>https://fil.example/kinshasa</link>
    <pubDate>Thu, 14 Mar 2024 18:05:00 +0100</pubDate>
    <dc:creator>Aline Mbeki</dc:creator>
    <description>Un résumé court.</description>
    <content:encoded><![CDATA[<p>Le gouvernement congolais a accusé jeudi le Rwanda de soutenir les rebelles.</p><p>Kigali dément.</p>]]></content:encoded>
  </item>
  <item>
    <title>N'Djamena reçoit de l'aide</title>
    <link>https://fil.example/ndjamena</link>
    <dc:date>2024-03-21T07:00:00Z</dc:date>
    <description>&lt;p&gt;Le Tchad a reçu &lt;b&gt;mardi&lt;/b&gt; une aide d'urgence.&lt;/p&gt;</description>
  </item>
  <item><link>https://fil.example/vide</link></item>
</channel>
</rss>
)";

TEST(Feed, Rss2ItemsBecomeDocuments) {
  Collected got = read_feed_bytes(kRss);
  ASSERT_EQ(got.documents.size(), 2u) << all_errors(got.errors);
  const Document& first = got.documents[0];
  EXPECT_EQ(first.id, "news.rss#1");
  EXPECT_EQ(first.title, "Kinshasa accuse Kigali");
  EXPECT_EQ(first.url, "https://fil.example/kinshasa");
  EXPECT_EQ(first.published, "2024-03-14");
  EXPECT_EQ(first.author, "Aline Mbeki");
  EXPECT_EQ(first.site, "Le Fil Afrique");
  EXPECT_EQ(first.lang, "fr");
  // content:encoded wins over the description; its paragraphs stay paragraphs.
  EXPECT_EQ(first.text,
            "Le gouvernement congolais a accusé jeudi le Rwanda de soutenir les rebelles.\n\n"
            "Kigali dément.");
  const Document& second = got.documents[1];
  EXPECT_EQ(second.published, "2024-03-21");
  EXPECT_EQ(second.text, "Le Tchad a reçu mardi une aide d'urgence.");  // HTML stripped
  // The third item has neither title nor text: a warning, not an error.
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_TRUE(got.errors[0].warning);
  EXPECT_EQ(got.errors[0].where, "news.rss item 3");
  EXPECT_EQ(got.summary.records, 3u);
}

const char kAtom[] = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">Wire Desk</title>
  <id>urn:example:wire</id>
  <updated>2024-03-16T00:00:00Z</updated>
  <entry>
    <title type="html">Haiti: gangs &amp;amp; protests</title>
    <link rel="self" href="https://wire.example/feed/1"/>
    <link rel="alternate" type="text/html" href="https://wire.example/haiti"/>
    <id>urn:example:1</id>
    <published>2024-03-15T12:00:00-05:00</published>
    <updated>2024-03-16T08:00:00Z</updated>
    <author><name>Desk Editor</name></author>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;Protesters marched in Port-au-Prince on Friday.&lt;/p&gt;&lt;p&gt;Police fired tear gas.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Manila welcomes Tokyo</title>
    <link href="https://wire.example/manila"/>
    <id>urn:example:2</id>
    <updated>2024-03-11T09:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The Philippine president received the Japanese prime minister.</p></div></content>
  </entry>
</feed>
)";

TEST(Feed, AtomEntriesBecomeDocuments) {
  Collected got = read_feed_bytes(kAtom, "wire.atom");
  EXPECT_TRUE(got.errors.empty()) << all_errors(got.errors);
  ASSERT_EQ(got.documents.size(), 2u);
  const Document& first = got.documents[0];
  EXPECT_EQ(first.id, "wire.atom#1");
  EXPECT_EQ(first.title, "Haiti: gangs & protests");
  EXPECT_EQ(first.url, "https://wire.example/haiti");
  EXPECT_EQ(first.published, "2024-03-15");  // published wins over updated
  EXPECT_EQ(first.author, "Desk Editor");
  EXPECT_EQ(first.site, "Wire Desk");
  EXPECT_EQ(first.lang, "en");
  EXPECT_EQ(first.text,
            "Protesters marched in Port-au-Prince on Friday.\n\nPolice fired tear gas.");
  const Document& second = got.documents[1];
  EXPECT_EQ(second.url, "https://wire.example/manila");
  EXPECT_EQ(second.published, "2024-03-11");
  EXPECT_EQ(second.text, "The Philippine president received the Japanese prime minister.");
}

TEST(Feed, Rss1RdfItems) {
  const char rdf[] = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://fil.example/"><title>Fil RDF</title></channel>
  <item rdf:about="https://fil.example/a">
    <title>Islamabad accuse Kaboul</title>
    <link>https://fil.example/a</link>
    <description>Le Pakistan a accusé mardi les talibans d'abriter des combattants.</description>
    <dc:date>2024-03-19</dc:date>
    <dc:creator>Bureau d'Islamabad</dc:creator>
  </item>
</rdf:RDF>)";
  Collected got = read_feed_bytes(rdf, "fil.rdf.xml");
  EXPECT_TRUE(got.errors.empty()) << all_errors(got.errors);
  ASSERT_EQ(got.documents.size(), 1u);
  EXPECT_EQ(got.documents[0].site, "Fil RDF");
  EXPECT_EQ(got.documents[0].url, "https://fil.example/a");
  EXPECT_EQ(got.documents[0].published, "2024-03-19");
  EXPECT_EQ(got.documents[0].author, "Bureau d'Islamabad");
  EXPECT_EQ(got.documents[0].text,
            "Le Pakistan a accusé mardi les talibans d'abriter des combattants.");
}

TEST(Feed, NotXmlIsAClearError) {
  Collected got = read_feed_bytes("This is plain text, not a feed.\n", "news.xml");
  EXPECT_TRUE(got.documents.empty());
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_EQ(got.errors[0].where, "news.xml");
  EXPECT_NE(got.errors[0].message.find("not well-formed XML"), std::string::npos)
      << got.errors[0].message;

  Collected other_root = read_feed_bytes("<?xml version=\"1.0\"?><urlset></urlset>", "map.xml");
  ASSERT_EQ(other_root.errors.size(), 1u);
  EXPECT_NE(other_root.errors[0].message.find("not an RSS or Atom feed"), std::string::npos);

  Collected empty = read_feed_bytes("", "empty.rss");
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_TRUE(empty.documents.empty());
}

TEST(Feed, ItemsBeforeABreakAreKept) {
  // libxml2 parses ahead of the reader by a few KiB: the break comes after 100 items.
  std::string rss(kRss);
  std::string head = rss.substr(0, rss.find("<item>"));
  std::string first_item =
      rss.substr(rss.find("<item>"), rss.find("</item>") + 7 - rss.find("<item>"));
  std::string broken = head;
  for (int i = 0; i < 100; ++i) broken += first_item + "\n";
  int break_line = 1 + static_cast<int>(std::count(broken.begin(), broken.end(), '\n'));
  broken += "<item><title>Cut <b>here</title></item></channel></rss>\n";
  Collected got = read_feed_bytes(broken);
  ASSERT_GE(got.documents.size(), 90u);
  EXPECT_EQ(got.documents[0].title, "Kinshasa accuse Kigali");
  ASSERT_EQ(got.errors.size(), 1u);
  const Error& error = got.errors.back();
  EXPECT_FALSE(error.warning);
  EXPECT_NE(error.message.find("not well-formed XML at line " + std::to_string(break_line)),
            std::string::npos)
      << error.message;
  EXPECT_NE(
      error.message.find(std::to_string(got.documents.size()) + " item(s) before it were kept"),
      std::string::npos)
      << error.message;
}

TEST(Feed, NoNetworkAndNoExternalEntities) {
  // An external entity must not be fetched or read: the item's text stays without it.
  std::string rss =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
      "<rss version=\"2.0\"><channel><item><title>T</title>"
      "<description>before &secret; after</description></item></channel></rss>";
  Collected got = read_feed_bytes(rss);
  for (const Document& d : got.documents) EXPECT_EQ(d.text.find("root:"), std::string::npos);
}

TEST(Feed, InternalEntitiesExpandWithinTheLimit) {
  std::string rss =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY org \"les Nations unies\">]>"
      "<rss version=\"2.0\"><channel><item><title>Appel</title>"
      "<description>Selon &org;, l'aide arrive.</description></item></channel></rss>";
  Collected got = read_feed_bytes(rss);
  ASSERT_EQ(got.documents.size(), 1u) << all_errors(got.errors);
  EXPECT_EQ(got.documents[0].text, "Selon les Nations unies, l'aide arrive.");

  // A 10 KB entity referenced 2,000 times would expand to 20 MB: refused, not allocated.
  std::string big(10000, 'A');
  std::string refs;
  for (int i = 0; i < 2000; ++i) refs += "&a;";
  std::string blowup = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"" + big +
                       "\">]><rss version=\"2.0\"><channel><item><title>x</title><description>" +
                       refs + "</description></item></channel></rss>";
  Collected refused;
  ReadOptions options;
  options.max_document_bytes = 1u << 20;
  refused.summary = read_feed(
      "blowup.rss", ByteInput{blowup, -1}, options,
      [&](Document&& d) { refused.documents.push_back(std::move(d)); },
      [&](const Error& e) { refused.errors.push_back(e); });
  EXPECT_TRUE(refused.documents.empty());
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].where, "blowup.rss item 1");
  EXPECT_NE(refused.errors[0].message.find("limit"), std::string::npos);
}

TEST(Rfc822Date, CommonForms) {
  EXPECT_EQ(rfc822_date("Tue, 12 Mar 2024 10:00:00 GMT"), "2024-03-12");
  EXPECT_EQ(rfc822_date("12 Mar 2024"), "2024-03-12");
  EXPECT_EQ(rfc822_date("Sat, 1 Jun 24 08:00 +0200"), "2024-06-01");
  EXPECT_EQ(rfc822_date("2024-03-12"), "");
  EXPECT_EQ(rfc822_date("Tue, 12 Foo 2024"), "");
  EXPECT_EQ(rfc822_date("31 Feb 2024"), "");
  EXPECT_EQ(rfc822_date("29 Feb 2024"), "2024-02-29");
  EXPECT_EQ(rfc822_date(""), "");
}

TEST(SniffContainer, FirstBytes) {
  EXPECT_EQ(sniff_container("WARC/1.1\r\nWARC-Type: warcinfo\r\n"), InputFormat::kWarc);
  EXPECT_EQ(sniff_container(std::string("\x1f\x8b\x08\x00", 4)), InputFormat::kWarc);
  EXPECT_EQ(sniff_container("<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">"),
            InputFormat::kFeed);
  EXPECT_EQ(sniff_container("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), InputFormat::kFeed);
  EXPECT_EQ(sniff_container("<?xml version=\"1.0\"?><urlset>"), InputFormat::kAuto);
  EXPECT_EQ(sniff_container("<!DOCTYPE html><html>"), InputFormat::kAuto);
  EXPECT_EQ(container_format_from_name("a.WARC.gz"), InputFormat::kWarc);
  EXPECT_EQ(container_format_from_name("a.gz"), InputFormat::kAuto);
  EXPECT_EQ(container_format_from_name("news.atom"), InputFormat::kFeed);
}

// Through InputReader: extensions, sniffing, directory walking and the caller's date.
class ContainerFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("vigie_containers_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& bytes) {
    fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }
  Collected read(const std::string& input, ReadOptions options = {}) {
    Collected out;
    InputReader reader(
        options, [&](Document&& d) { out.documents.push_back(std::move(d)); },
        [&](const Error& e) { out.errors.push_back(e); });
    reader.read(input);
    return out;
  }
  fs::path dir_;
};

TEST_F(ContainerFiles, DirectoryTakesArchivesAndFeeds) {
  std::string archive;
  for (const std::string& record : crawl_records()) archive += gzip(record);
  write("crawl.warc.gz", archive);
  write("news.rss", kRss);
  write("sitemap.xml", "<?xml version=\"1.0\"?><urlset></urlset>");  // not a feed: not read
  write("wire.xml", kAtom);
  Collected got = read(dir_.string());
  std::vector<std::string> ids;
  for (const Document& d : got.documents) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"crawl.warc.gz#3", "news.rss#1", "news.rss#2",
                                           "wire.xml#1", "wire.xml#2"}));
  ASSERT_EQ(got.errors.size(), 1u) << all_errors(got.errors);  // the empty RSS item
  EXPECT_TRUE(got.errors[0].warning);
}

TEST_F(ContainerFiles, SniffedWithoutExtensionAndCallerDateWins) {
  std::string path = write("download", crawl_records()[2]);
  ReadOptions options;
  options.published = "2021-09-07";
  Collected got = read(path, options);
  ASSERT_EQ(got.documents.size(), 1u) << all_errors(got.errors);
  EXPECT_EQ(got.documents[0].published, "2021-09-07");
  EXPECT_EQ(got.documents[0].id, "download#1");

  std::string feed = write("feed", kAtom);
  EXPECT_EQ(read(feed).documents.size(), 2u);
}

TEST_F(ContainerFiles, ArchiveLargerThanTheLimitIsStreamed) {
  std::string archive;
  for (int i = 0; i < 20; ++i) archive += crawl_records()[2];
  std::string path = write("many.warc", archive);
  ReadOptions options;
  options.max_document_bytes = 4096;  // the file is ~20 KiB, each record under 1 KiB
  Collected got = read(path, options);
  EXPECT_EQ(got.documents.size(), 20u) << all_errors(got.errors);
}

}  // namespace
}  // namespace vigie::ingest
