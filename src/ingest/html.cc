// HTML page -> Document, over myhtml (libmodest). The foundation's extractor: metadata from
// JSON-LD, OpenGraph and meta tags; body text from <article> (else <main>, else <body>) without
// navigation, asides, forms, scripts and blocks whose class or id names boilerplate. The
// web-extraction issue replaces the body heuristics with a scored content extractor.
#include <myhtml/api.h>

#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "unicode/utf8.h"

namespace vigie::ingest {
namespace {

// Substrings of class/id values that mark a block as page furniture, not article text.
constexpr const char* kBoilerplateClassMarks[] = {
    "comment", "related", "share", "social", "cookie", "consent", "newsletter", "subscribe",
    "promo",   "advert",  "sidebar", "breadcrumb", "footer", "navbar", "menu", "byline",
    "author",  "tags",    "signup", "popup", "banner", "recommend", "outbrain", "taboola"};

struct MyhtmlParser {
  myhtml_t* engine = nullptr;
  MyhtmlParser() {
    engine = myhtml_create();
    myhtml_init(engine, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0);
  }
  ~MyhtmlParser() { myhtml_destroy(engine); }
};

// myhtml's engine is expensive to create and not thread-safe: one per thread.
myhtml_t* thread_engine() {
  thread_local MyhtmlParser parser;
  return parser.engine;
}

std::string attribute(myhtml_tree_node_t* node, const char* key) {
  myhtml_tree_attr_t* attr = myhtml_attribute_by_key(node, key, std::strlen(key));
  if (!attr) return {};
  std::size_t length = 0;
  const char* value = myhtml_attribute_value(attr, &length);
  return value ? std::string(value, length) : std::string();
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    std::size_t n = unicode::decode(text, i, &cp);
    if (unicode::is_space(cp)) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

bool is_skipped_tag(myhtml_tag_id_t tag) {
  switch (tag) {
    case MyHTML_TAG_SCRIPT: case MyHTML_TAG_STYLE: case MyHTML_TAG_NOSCRIPT:
    case MyHTML_TAG_NAV: case MyHTML_TAG_ASIDE: case MyHTML_TAG_FOOTER: case MyHTML_TAG_HEADER:
    case MyHTML_TAG_FORM: case MyHTML_TAG_BUTTON: case MyHTML_TAG_SELECT:
    case MyHTML_TAG_TEXTAREA: case MyHTML_TAG_IFRAME: case MyHTML_TAG_SVG:
    case MyHTML_TAG_FIGURE: case MyHTML_TAG_TEMPLATE: case MyHTML_TAG__COMMENT:
    case MyHTML_TAG_H1:  // the headline becomes the title
      return true;
    default:
      return false;
  }
}

bool is_block_tag(myhtml_tag_id_t tag) {
  switch (tag) {
    case MyHTML_TAG_P: case MyHTML_TAG_H2: case MyHTML_TAG_H3: case MyHTML_TAG_H4:
    case MyHTML_TAG_H5: case MyHTML_TAG_H6: case MyHTML_TAG_LI: case MyHTML_TAG_BLOCKQUOTE:
    case MyHTML_TAG_DIV: case MyHTML_TAG_SECTION: case MyHTML_TAG_ARTICLE: case MyHTML_TAG_BR:
    case MyHTML_TAG_TR: case MyHTML_TAG_PRE: case MyHTML_TAG_DD: case MyHTML_TAG_DT:
      return true;
    default:
      return false;
  }
}

bool has_boilerplate_class(myhtml_tree_node_t* node) {
  std::string marks = unicode::fold(attribute(node, "class") + " " + attribute(node, "id"));
  if (marks.size() <= 1) return false;
  for (const char* mark : kBoilerplateClassMarks) {
    if (marks.find(mark) != std::string::npos) return true;
  }
  return false;
}

// Collects paragraphs of visible text under `node`.
class TextCollector {
 public:
  void walk(myhtml_tree_node_t* node) {
    for (myhtml_tree_node_t* child = myhtml_node_child(node); child;
         child = myhtml_node_next(child)) {
      myhtml_tag_id_t tag = myhtml_node_tag_id(child);
      if (tag == MyHTML_TAG__TEXT) {
        std::size_t length = 0;
        const char* text = myhtml_node_text(child, &length);
        if (text) current_.append(text, length);
        continue;
      }
      if (is_skipped_tag(tag) || has_boilerplate_class(child)) continue;
      bool block = is_block_tag(tag);
      if (block) flush();
      walk(child);
      if (block) flush();
    }
  }
  std::vector<std::string> take() {
    flush();
    return std::move(paragraphs_);
  }

 private:
  void flush() {
    std::string paragraph = collapse_spaces(current_);
    current_.clear();
    if (!paragraph.empty()) paragraphs_.push_back(std::move(paragraph));
  }
  std::string current_;
  std::vector<std::string> paragraphs_;
};

myhtml_tree_node_t* find_first(myhtml_tree_node_t* node, myhtml_tag_id_t tag) {
  for (myhtml_tree_node_t* child = myhtml_node_child(node); child;
       child = myhtml_node_next(child)) {
    if (myhtml_node_tag_id(child) == tag) return child;
    if (myhtml_tree_node_t* found = find_first(child, tag)) return found;
  }
  return nullptr;
}


// All text under `node`, verbatim (for <title> and <script> contents).
std::string node_text_raw(myhtml_tree_node_t* node) {
  std::string out;
  for (myhtml_tree_node_t* child = myhtml_node_child(node); child;
       child = myhtml_node_next(child)) {
    if (myhtml_node_tag_id(child) == MyHTML_TAG__TEXT) {
      std::size_t length = 0;
      const char* text = myhtml_node_text(child, &length);
      if (text) out.append(text, length);
    } else {
      out += node_text_raw(child);
    }
  }
  return out;
}

struct Metadata {
  std::string title, og_title, jsonld_title, h1;
  std::string published, author, site, url, lang;
};

void read_json_ld(const std::string& script, Metadata& meta, Document& document) {
  nlohmann::json data = nlohmann::json::parse(script, nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded()) {
    document.diagnostics.push_back({"ingest", "JSON-LD block is not valid JSON; ignored"});
    return;
  }
  std::vector<nlohmann::json> items;
  if (data.is_array()) {
    for (auto& item : data) items.push_back(item);
  } else if (data.is_object() && data.contains("@graph") && data["@graph"].is_array()) {
    for (auto& item : data["@graph"]) items.push_back(item);
  } else {
    items.push_back(data);
  }
  for (const auto& item : items) {
    if (!item.is_object()) continue;
    std::string type = item.value("@type", nlohmann::json()).is_string()
                           ? item["@type"].get<std::string>() : std::string();
    if (type.find("Article") == std::string::npos && type != "ReportageNewsArticle") continue;
    auto get_string = [&](const char* key) -> std::string {
      auto it = item.find(key);
      return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (meta.jsonld_title.empty()) meta.jsonld_title = get_string("headline");
    if (meta.published.empty()) meta.published = normalise_date(get_string("datePublished"));
    if (meta.author.empty() && item.contains("author")) {
      const auto& author = item["author"];
      const auto& first = author.is_array() && !author.empty() ? author[0] : author;
      if (first.is_object() && first.contains("name") && first["name"].is_string()) {
        meta.author = first["name"].get<std::string>();
      } else if (first.is_string()) {
        meta.author = first.get<std::string>();
      }
    }
    if (meta.site.empty() && item.contains("publisher") && item["publisher"].is_object() &&
        item["publisher"].contains("name") && item["publisher"]["name"].is_string()) {
      meta.site = item["publisher"]["name"].get<std::string>();
    }
  }
}

// Walks the whole tree for metadata: <meta>, <link rel=canonical>, <title>, JSON-LD scripts.
void read_metadata(myhtml_tree_node_t* node, Metadata& meta, Document& document) {
  for (myhtml_tree_node_t* child = myhtml_node_child(node); child;
       child = myhtml_node_next(child)) {
    myhtml_tag_id_t tag = myhtml_node_tag_id(child);
    if (tag == MyHTML_TAG_META) {
      std::string key = unicode::fold(attribute(child, "property"));
      if (key.empty()) key = unicode::fold(attribute(child, "name"));
      std::string content = attribute(child, "content");
      if (key == "og:title" && meta.og_title.empty()) meta.og_title = content;
      if (key == "og:site_name" && meta.site.empty()) meta.site = content;
      if (key == "og:url" && meta.url.empty()) meta.url = content;
      if ((key == "article:published_time" || key == "date" || key == "pubdate") &&
          meta.published.empty()) {
        meta.published = normalise_date(content);
      }
      if ((key == "author" || key == "article:author") && meta.author.empty()) meta.author = content;
    } else if (tag == MyHTML_TAG_LINK) {
      if (unicode::fold(attribute(child, "rel")) == "canonical" && meta.url.empty()) {
        meta.url = attribute(child, "href");
      }
    } else if (tag == MyHTML_TAG_TITLE) {
      if (meta.title.empty()) meta.title = collapse_spaces(node_text_raw(child));
    } else if (tag == MyHTML_TAG_SCRIPT) {
      if (unicode::fold(attribute(child, "type")) == "application/ld+json") {
        read_json_ld(node_text_raw(child), meta, document);
      }
      continue;
    }
    read_metadata(child, meta, document);
  }
}

}  // namespace

Document document_from_html(std::string id, std::string_view html) {
  Document document;
  document.id = std::move(id);
  myhtml_tree_t* tree = myhtml_tree_create();
  std::unique_ptr<myhtml_tree_t, decltype(&myhtml_tree_destroy)> owned(tree, &myhtml_tree_destroy);
  if (myhtml_tree_init(tree, thread_engine()) != MyHTML_STATUS_OK ||
      myhtml_parse(tree, MyENCODING_UTF_8, html.data(), html.size()) != MyHTML_STATUS_OK) {
    document.diagnostics.push_back({"ingest", "the HTML parser failed; the page has no text"});
    return document;
  }
  myhtml_tree_node_t* root = myhtml_tree_get_node_html(tree);
  if (!root) return document;
  Metadata meta;
  meta.lang = unicode::fold(attribute(root, "lang"));
  read_metadata(root, meta, document);

  myhtml_tree_node_t* body = myhtml_tree_get_node_body(tree);
  myhtml_tree_node_t* content = body ? find_first(body, MyHTML_TAG_ARTICLE) : nullptr;
  if (!content && body) content = find_first(body, MyHTML_TAG_MAIN);
  if (!content) content = body;
  if (body) {
    if (myhtml_tree_node_t* h1 = find_first(content, MyHTML_TAG_H1)) meta.h1 = node_text_raw(h1);
    if (meta.h1.empty()) {
      if (myhtml_tree_node_t* h1 = find_first(body, MyHTML_TAG_H1)) meta.h1 = node_text_raw(h1);
    }
  }
  // Titles in order of trust: JSON-LD headline, OpenGraph, the visible headline, <title>.
  for (const std::string* candidate : {&meta.jsonld_title, &meta.og_title, &meta.h1, &meta.title}) {
    std::string title = collapse_spaces(*candidate);
    if (!title.empty()) {
      document.title = std::move(title);
      break;
    }
  }
  if (content) {
    TextCollector collector;
    collector.walk(content);
    std::string text;
    for (const std::string& paragraph : collector.take()) {
      if (!text.empty()) text += "\n\n";
      text += paragraph;
    }
    document.text = std::move(text);
  }
  document.url = meta.url;
  document.site = collapse_spaces(meta.site);
  document.author = collapse_spaces(meta.author);
  document.published = meta.published;
  // "fr-FR" -> "fr"
  document.lang = meta.lang.substr(0, meta.lang.find_first_of("-_"));
  return document;
}

}  // namespace vigie::ingest
