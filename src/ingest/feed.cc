// RSS 2.0, RSS 1.0 (RDF) and Atom feeds -> Documents (containers.h), with libxml2's streaming
// reader: one item's subtree is expanded at a time.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>

#include "ingest/containers.h"
#include "ingest/ingest.h"
#include "unicode/utf8.h"

namespace vigie::ingest {
namespace {

constexpr const char* kAtomNamespace = "http://www.w3.org/2005/Atom";
constexpr const char* kRss1Namespace = "http://purl.org/rss/1.0/";
constexpr const char* kContentNamespace = "http://purl.org/rss/1.0/modules/content/";
constexpr const char* kDublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
// No network, no DTD loading, no entity substitution from outside; libxml2's default limits on
// text and nesting stay on (no XML_PARSE_HUGE); no recover mode (it guesses at broken markup).
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
// Bytes of the head looked at to sniff a feed's root element (past the XML declaration, comments
// and stylesheet processing instructions).
constexpr std::size_t kSniffBytes = 4096;
// A channel's title or language longer than this is not one (it becomes Document::site).
constexpr std::size_t kMaxChannelFieldBytes = 4096;

const char* str(const xmlChar* s) {
  return reinterpret_cast<const char*>(s);
}

bool is(const xmlChar* value, const char* expected) {
  return value && std::strcmp(str(value), expected) == 0;
}

// The text of an item's fields, entity references expanded, within a byte budget. libxml2 stops
// entity loops and exponential nesting ("billion laughs") but not a large entity referenced
// many times (100 KB x 20,000 references = 2 GB), and xmlNodeGetContent / xmlGetProp expand
// without bound: Vigie expands itself and refuses the item past the budget.
struct TextBudget {
  std::size_t left;
  bool exceeded = false;
};

// Entity references nest at most this deep (libxml2 already rejects loops; this bounds the
// recursion).
constexpr int kMaxEntityDepth = 16;

void append_text(const xmlNode* node, std::string& out, TextBudget& budget, int depth) {
  for (; node && !budget.exceeded; node = node->next) {
    switch (node->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE: {
        if (!node->content) break;
        std::size_t n = std::strlen(str(node->content));
        if (n > budget.left) {
          budget.exceeded = true;
          return;
        }
        budget.left -= n;
        out.append(str(node->content), n);
        break;
      }
      case XML_ENTITY_REF_NODE: {
        if (depth >= kMaxEntityDepth) {
          budget.exceeded = true;
          return;
        }
        xmlEntityPtr entity = xmlGetDocEntity(node->doc, node->name);
        if (entity) append_text(entity->children, out, budget, depth + 1);
        break;
      }
      case XML_ELEMENT_NODE:
        append_text(node->children, out, budget, depth);
        break;
      default:
        break;
    }
  }
}

std::string node_text(const xmlNode* node, TextBudget& budget) {
  std::string out;
  append_text(node->children, out, budget, 0);
  if (budget.exceeded) return {};  // the item is refused: no need to read further
  return std::string(unicode::trim_ascii_space(out));
}

// An attribute given on the element (not a DTD default), without namespace unless `ns` is given.
std::string attribute(const xmlNode* node, const char* name, TextBudget& budget,
                      const char* ns = nullptr) {
  for (const xmlAttr* attr = node->properties; attr; attr = attr->next) {
    bool same_ns = ns ? attr->ns && is(attr->ns->href, ns) : attr->ns == nullptr;
    if (!is(attr->name, name) || !same_ns) continue;
    std::string out;
    append_text(attr->children, out, budget, 0);
    return out;
  }
  return {};
}

// xml:lang of the element or its nearest ancestor that has one.
std::string xml_lang(const xmlNode* node) {
  for (; node && node->type == XML_ELEMENT_NODE; node = node->parent) {
    TextBudget budget{64};
    std::string lang =
        attribute(node, "lang", budget, reinterpret_cast<const char*>(XML_XML_NAMESPACE));
    if (!lang.empty()) return lang;
  }
  return {};
}

const char* namespace_of(const xmlNode* node) {
  return node->ns && node->ns->href ? str(node->ns->href) : "";
}

// The XML markup of an element's children (Atom type="xhtml": the content is a <div>).
std::string inner_markup(const xmlNode* node) {
  std::unique_ptr<xmlBuffer, void (*)(xmlBufferPtr)> buffer(xmlBufferCreate(), xmlBufferFree);
  if (!buffer) return {};
  for (xmlNode* child = node->children; child; child = child->next) {
    xmlNodeDump(buffer.get(), child->doc, child, 0, 0);
  }
  return std::string(str(xmlBufferContent(buffer.get())),
                     static_cast<std::size_t>(xmlBufferLength(buffer.get())));
}

// An HTML fragment (content:encoded, Atom content type="html", description) as article text:
// the fragment goes through the page extractor as the body of an <article>, keeping paragraphs.
std::string html_fragment_text(const std::string& id, std::string_view fragment) {
  std::string page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article>";
  page.append(fragment);
  page += "</article></body></html>";
  return document_from_html(id, page).text;
}

struct Item {
  std::string title, url, published, author, text, lang;
};

// How an Atom text construct (title, summary, content) is to be read.
std::string atom_text(const std::string& id, const xmlNode* node, TextBudget& budget) {
  std::string type =
      unicode::ascii_lower(unicode::trim_ascii_space(attribute(node, "type", budget)));
  if (type.empty() || type == "text" || type == "text/plain") return node_text(node, budget);
  if (type == "html" || type == "text/html") {
    return html_fragment_text(id, node_text(node, budget));
  }
  if (type == "xhtml" || type == "application/xhtml+xml") {
    const xmlNode* div = node->children;
    while (div && div->type != XML_ELEMENT_NODE) div = div->next;
    std::string markup = inner_markup(div ? div : node);
    if (markup.size() > budget.left) {
      budget.exceeded = true;
      return {};
    }
    budget.left -= markup.size();
    return html_fragment_text(id, markup);
  }
  return {};  // another media type, or content by reference (src=)
}

std::string date_of(std::string_view value, bool rfc822_first) {
  std::string date = rfc822_first ? rfc822_date(value) : normalise_date(value);
  if (date.empty()) date = rfc822_first ? normalise_date(value) : rfc822_date(value);
  return date;
}

// The fields of one item; `budget.exceeded` when they expand beyond it.
Item read_item(const std::string& id, const xmlNode* item, TextBudget& budget) {
  Item out;
  std::string content, description, pub_date, dc_date, published, updated, atom_link;
  bool atom = is(item->ns ? item->ns->href : nullptr, kAtomNamespace);
  for (const xmlNode* child = item->children; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    std::string_view ns = namespace_of(child);
    const xmlChar* name = child->name;
    bool own = ns.empty() || ns == kAtomNamespace || ns == kRss1Namespace;
    if (own && is(name, "title")) {
      out.title = atom ? atom_text(id, child, budget) : node_text(child, budget);
    } else if (own && is(name, "link")) {
      if (atom) {
        std::string rel = unicode::trim_ascii_space(attribute(child, "rel", budget)).empty()
                              ? "alternate"
                              : attribute(child, "rel", budget);
        if (rel == "alternate" && atom_link.empty())
          atom_link = unicode::trim_ascii_space(attribute(child, "href", budget));
      } else if (out.url.empty()) {
        out.url = node_text(child, budget);
      }
    } else if (ns == kContentNamespace && is(name, "encoded")) {
      content = html_fragment_text(id, node_text(child, budget));
    } else if (own && is(name, "content") && atom) {
      content = atom_text(id, child, budget);
    } else if (own && is(name, "description")) {
      description = html_fragment_text(id, node_text(child, budget));
    } else if (own && is(name, "summary") && atom) {
      description = atom_text(id, child, budget);
    } else if (own && is(name, "pubDate")) {
      pub_date = date_of(node_text(child, budget), true);
    } else if (own && is(name, "published")) {
      published = date_of(node_text(child, budget), false);
    } else if (own && is(name, "updated")) {
      updated = date_of(node_text(child, budget), false);
    } else if (ns == kDublinCoreNamespace && is(name, "date")) {
      dc_date = date_of(node_text(child, budget), false);
    } else if (own && is(name, "author") && out.author.empty()) {
      if (atom) {
        for (const xmlNode* part = child->children; part; part = part->next) {
          if (part->type == XML_ELEMENT_NODE && is(part->name, "name"))
            out.author = node_text(part, budget);
        }
      } else {
        out.author = node_text(child, budget);
      }
    } else if (ns == kDublinCoreNamespace && is(name, "creator") && out.author.empty()) {
      out.author = node_text(child, budget);
    }
  }
  if (atom) out.url = atom_link;
  for (const std::string* date : {&published, &pub_date, &dc_date, &updated}) {
    if (out.published.empty()) out.published = *date;
  }
  out.text = !unicode::trim_ascii_space(content).empty() ? content : description;
  std::string lang = xml_lang(item);
  if (lang.size() >= 2) out.lang = unicode::ascii_lower(lang.substr(0, 2));
  return out;
}

struct ParseError {
  bool set = false;
  int line = 0;
  std::string message;
};

void on_xml_error(void* context, xmlErrorPtr error) {
  auto* parse_error = static_cast<ParseError*>(context);
  if (!error || error->level < XML_ERR_ERROR || parse_error->set) return;
  parse_error->set = true;
  parse_error->line = error->line;
  parse_error->message =
      error->message ? std::string(unicode::trim_ascii_space(error->message)) : "XML error";
}

struct Source {
  ByteInput input;
  std::string error;
};

int read_source(void* context, char* buffer, int length) {
  auto* source = static_cast<Source*>(context);
  if (length <= 0) return 0;
  std::size_t n = static_cast<std::size_t>(length);
  if (!source->input.prefix.empty()) {
    std::size_t take_bytes = std::min(n, source->input.prefix.size());
    std::memcpy(buffer, source->input.prefix.data(), take_bytes);
    source->input.prefix.remove_prefix(take_bytes);
    return static_cast<int>(take_bytes);
  }
  if (source->input.fd < 0) return 0;
  for (;;) {
    ssize_t got = ::read(source->input.fd, buffer, n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      source->error = std::string("read error: ") + std::strerror(errno);
      return -1;
    }
    return static_cast<int>(got);
  }
}

int close_source(void*) {
  return 0;
}

// The language tag of a channel (<language>fr-FR</language>) or feed (xml:lang) as "fr".
std::string language_code(std::string_view tag) {
  tag = unicode::trim_ascii_space(tag);
  if (tag.size() < 2) return {};
  std::string code = unicode::ascii_lower(tag.substr(0, 2));
  if (code[0] < 'a' || code[0] > 'z' || code[1] < 'a' || code[1] > 'z') return {};
  if (tag.size() > 2 && tag[2] != '-' && tag[2] != '_') return {};
  return code;
}

}  // namespace

ContainerSummary read_feed(const std::string& name, ByteInput input, const ReadOptions& options,
                           const DocumentSink& on_document, const ErrorSink& on_error) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  ContainerSummary summary;
  std::string base = container_id_base(name, options);
  Source source{input, {}};
  ParseError parse_error;
  std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)> reader(
      xmlReaderForIO(read_source, close_source, &source, nullptr, nullptr, kParseOptions),
      xmlFreeTextReader);
  if (!reader) {
    on_error({name, "cannot start the XML reader"});
    ++summary.errors;
    return summary;
  }
  xmlTextReaderSetStructuredErrorHandler(reader.get(), on_xml_error, &parse_error);
  std::string site, feed_lang;
  int channel_depth = -1;
  bool root_seen = false;
  int status = xmlTextReaderRead(reader.get());
  while (status == 1) {
    xmlTextReaderPtr r = reader.get();
    if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
      status = xmlTextReaderRead(r);
      continue;
    }
    int depth = xmlTextReaderDepth(r);
    const xmlChar* local = xmlTextReaderConstLocalName(r);
    const xmlChar* ns = xmlTextReaderConstNamespaceUri(r);
    if (!root_seen) {
      root_seen = true;
      bool feed =
          is(local, "rss") || (is(local, "feed") && is(ns, kAtomNamespace)) || is(local, "RDF");
      if (!feed) {
        on_error({name, "not an RSS or Atom feed: the root element is <" +
                            std::string(local ? str(local) : "?") + ">"});
        ++summary.errors;
        return summary;
      }
      if (is(local, "feed")) {
        channel_depth = 0;
        feed_lang = language_code(xml_lang(xmlTextReaderCurrentNode(r)));
      }
      status = xmlTextReaderRead(r);
      continue;
    }
    if (is(local, "channel") && channel_depth < 0) channel_depth = depth;
    bool item = (is(local, "item") && (!ns || is(ns, kRss1Namespace))) ||
                (is(local, "entry") && is(ns, kAtomNamespace));
    if (item) {
      ++summary.records;
      std::size_t number = summary.records;
      std::string id = base + "#" + std::to_string(number);
      xmlNodePtr node = xmlTextReaderExpand(r);
      if (!node) break;  // the item is not well-formed: reported below
      TextBudget budget{options.max_document_bytes};
      Item fields = read_item(id, node, budget);
      std::string where = name + " item " + std::to_string(number);
      if (budget.exceeded) {
        on_error({where, "item is over the limit of " + std::to_string(options.max_document_bytes) +
                             " bytes per document (--max-bytes), entities expanded; skipped"});
        ++summary.errors;
        ++summary.skipped;
      } else if (unicode::trim_ascii_space(fields.text).empty() &&
                 unicode::trim_ascii_space(fields.title).empty()) {
        on_error({where, "no title and no text; skipped", /*warning=*/true});
        ++summary.skipped;
      } else {
        Document document;
        document.id = id;
        document.title = unicode::repair_utf8(fields.title);
        document.text = unicode::repair_utf8(fields.text);
        document.url = fields.url;
        document.published = fields.published;
        document.author = fields.author;
        document.site = site;
        document.lang = !fields.lang.empty() ? fields.lang : feed_lang;
        if (unicode::trim_ascii_space(fields.text).empty()) {
          document.diagnostics.push_back(
              {"ingest", "feed item without text (no content or description): title only"});
        }
        document.diagnostics.push_back(
            {"ingest", "read from " + base + " item " + std::to_string(number)});
        ++summary.documents;
        on_document(std::move(document));
      }
      status = xmlTextReaderNext(r);
      continue;
    }
    bool channel_child = channel_depth >= 0 && depth == channel_depth + 1 &&
                         (!ns || is(ns, kAtomNamespace) || is(ns, kRss1Namespace));
    if (channel_child && is(local, "title") && site.empty()) {
      TextBudget budget{kMaxChannelFieldBytes};
      if (const xmlNode* node = xmlTextReaderExpand(r)) site = node_text(node, budget);
    } else if (channel_child && is(local, "language") && feed_lang.empty()) {
      TextBudget budget{kMaxChannelFieldBytes};
      if (const xmlNode* node = xmlTextReaderExpand(r)) {
        feed_lang = language_code(node_text(node, budget));
      }
    }
    status = xmlTextReaderRead(r);
  }
  if (status != 0 || parse_error.set || !source.error.empty()) {
    std::string reason;
    if (!source.error.empty()) {
      reason = source.error;
    } else if (parse_error.set) {
      reason = "not well-formed XML at line " + std::to_string(parse_error.line) + " (" +
               parse_error.message + ")";
    } else {
      reason = "not well-formed XML";
    }
    if (summary.documents > 0) {
      reason += "; the " + std::to_string(summary.documents) + " item(s) before it were kept";
    }
    on_error({name, reason});
    ++summary.errors;
  } else if (!root_seen) {
    on_error({name, "empty input"});
    ++summary.errors;
  } else if (summary.records == 0) {
    on_error({name, "feed holds no item or entry", /*warning=*/true});
  }
  return summary;
}

InputFormat container_format_from_name(std::string_view file_name) {
  std::string name = unicode::ascii_lower(file_name);
  auto ends_with = [&](std::string_view suffix) {
    return name.size() > suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".warc") || ends_with(".warc.gz")) return InputFormat::kWarc;
  if (ends_with(".rss") || ends_with(".atom") || ends_with(".xml")) return InputFormat::kFeed;
  return InputFormat::kAuto;
}

InputFormat sniff_container(std::string_view head) {
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
      static_cast<unsigned char>(head[1]) == 0x8b) {
    return InputFormat::kWarc;
  }
  if (head.rfind("\xef\xbb\xbf", 0) == 0) head.remove_prefix(3);
  std::string_view start = unicode::trim_ascii_space(head.substr(0, kSniffBytes));
  if (start.rfind("WARC/1.", 0) == 0) return InputFormat::kWarc;
  if (start.rfind("<?xml", 0) != 0 && start.rfind("<rss", 0) != 0 && start.rfind("<feed", 0) != 0 &&
      start.rfind("<rdf:RDF", 0) != 0) {
    return InputFormat::kAuto;
  }
  // The root element: the first '<' not opening a declaration, comment or processing
  // instruction.
  for (std::size_t pos = start.find('<'); pos != std::string_view::npos;
       pos = start.find('<', pos + 1)) {
    std::string_view rest = start.substr(pos + 1);
    if (rest.empty() || rest.front() == '?' || rest.front() == '!') continue;
    for (std::string_view root : {"rss", "feed", "rdf:RDF"}) {
      if (rest.rfind(root, 0) == 0 && rest.size() > root.size() &&
          (rest[root.size()] == ' ' || rest[root.size()] == '>' || rest[root.size()] == '\n' ||
           rest[root.size()] == '\r' || rest[root.size()] == '\t')) {
        return InputFormat::kFeed;
      }
    }
    return InputFormat::kAuto;
  }
  return InputFormat::kAuto;
}

std::string container_id_base(const std::string& name, const ReadOptions& options) {
  if (!options.id.empty()) return options.id;
  if (name == "-") return "stdin";
  return std::filesystem::path(name).filename().string();
}

bool file_looks_like_feed(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::string head(kSniffBytes, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(file.gcount()));
  return sniff_container(head) == InputFormat::kFeed;
}

std::string rfc822_date(std::string_view value) {
  // [Day ","] DD Mon YYYY [HH:MM[:SS] zone]; only the date is kept (the calendar day as written).
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string_view s = unicode::trim_ascii_space(value);
  std::size_t comma = s.find(',');
  if (comma != std::string_view::npos && comma < 12)
    s = unicode::trim_ascii_space(s.substr(comma + 1));
  auto number = [](std::string_view& text, int max_digits, int& out) {
    std::size_t digits = 0;
    out = 0;
    while (digits < text.size() && digits < static_cast<std::size_t>(max_digits) &&
           text[digits] >= '0' && text[digits] <= '9') {
      out = out * 10 + (text[digits] - '0');
      ++digits;
    }
    text.remove_prefix(digits);
    return digits;
  };
  int day = 0, year = 0;
  if (number(s, 2, day) == 0) return {};
  s = unicode::trim_ascii_space(s);
  if (s.size() < 3) return {};
  std::string month_name = unicode::ascii_lower(s.substr(0, 3));
  int month = 0;
  for (int i = 0; i < 12; ++i) {
    if (month_name == kMonths[i]) month = i + 1;
  }
  if (month == 0) return {};
  while (!s.empty() && s.front() != ' ' && s.front() != '\t') s.remove_prefix(1);  // "March"
  s = unicode::trim_ascii_space(s);
  std::size_t year_digits = number(s, 4, year);
  if (year_digits == 2)
    year += year < 50 ? 2000 : 1900;  // RFC 822's two-digit years
  else if (year_digits != 4)
    return {};
  if (!s.empty() && s.front() != ' ' && s.front() != '\t') return {};
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = month == 2 && leap ? 29 : kDays[month - 1];
  if (year < 1900 || year > 2100 || day < 1 || day > days) return {};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

}  // namespace vigie::ingest
