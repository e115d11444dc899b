// HTML page -> Document, over myhtml (libmodest). Metadata from JSON-LD, OpenGraph and meta
// tags. The body is found by a scored block extractor (ContentScorer, after Readability):
// paragraphs score their ancestors by length and commas, class/id hints and link density
// weigh the containers, the best container is widened to its article (common ancestor of
// close runners-up, better-scoring parent, only-child parent) and joined by its good siblings;
// its text is then collected without scripts, navigation, asides, hidden elements, blocks whose
// class names boilerplate, link-heavy containers and link-heavy paragraphs. When nothing scores
// (no paragraph of kMinParagraphChars), <article>, else <main>, else <body> is taken.
// Measured with `vigie eval extraction` (see README "Measured").
#include <myhtml/api.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <unordered_set>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/charset.h"
#include "ingest/ingest.h"
#include "unicode/utf8.h"

namespace vigie::ingest {
namespace {

// Substrings of class/id values that mark a block as page furniture, not article text.
constexpr const char* kBoilerplateClassMarks[] = {
    "comment", "related", "share", "social", "cookie", "consent", "newsletter", "subscribe",
    "promo",   "advert",  "sidebar", "breadcrumb", "footer", "navbar", "menu", "byline",
    "author",  "tags",    "signup", "popup", "banner", "recommend", "outbrain", "taboola",
    "caption", "credit",  "disclaimer", "paywall", "read-more", "readmore", "timestamp",
    "sponsor", "dateline"};

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

// True for the element that declares itself the article: <article>, <main>, or a schema.org
// articleBody. Its own class may name the author or tags ("author-jane", "tag-politics"):
// that never makes it boilerplate.
bool declares_article(myhtml_tree_node_t* node) {
  myhtml_tag_id_t tag = myhtml_node_tag_id(node);
  if (tag == MyHTML_TAG_ARTICLE || tag == MyHTML_TAG_MAIN) return true;
  return unicode::fold(attribute(node, "itemprop")) == "articlebody";
}

bool has_boilerplate_class(myhtml_tree_node_t* node) {
  if (declares_article(node)) return false;
  std::string marks = unicode::fold(attribute(node, "class") + " " + attribute(node, "id"));
  if (marks.size() <= 1) return false;
  for (const char* mark : kBoilerplateClassMarks) {
    if (marks.find(mark) != std::string::npos) return true;
  }
  return false;
}

// A paragraph made mostly of link text (menus, "read also" lists, tag clouds) is page furniture:
// above this share of its characters inside <a>, it is dropped. 0.5 is readability's cut for
// link density; on the Zyte pages it removed more boilerplate than article text (see
// `vigie eval extraction`).
constexpr double kMaxParagraphLinkDensity = 0.5;

bool is_hidden(myhtml_tree_node_t* node) {
  if (myhtml_attribute_by_key(node, "hidden", 6)) return true;
  std::string style = attribute(node, "style");
  if (style.empty()) return false;
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return unicode::fold(style).find("display:none") != std::string::npos;
}

// Non-space characters of a text run (UTF-8 code points, not bytes).
std::size_t visible_chars(const char* text, std::size_t length) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < length; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80 || c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
    ++count;
  }
  return count;
}

// Collects paragraphs of visible text under `node`.
class TextCollector {
 public:
  void walk(myhtml_tree_node_t* node, bool in_link = false) {
    for (myhtml_tree_node_t* child = myhtml_node_child(node); child;
         child = myhtml_node_next(child)) {
      myhtml_tag_id_t tag = myhtml_node_tag_id(child);
      if (tag == MyHTML_TAG__TEXT) {
        std::size_t length = 0;
        const char* text = myhtml_node_text(child, &length);
        if (text) {
          current_.append(text, length);
          std::size_t chars = visible_chars(text, length);
          current_chars_ += chars;
          if (in_link) current_link_chars_ += chars;
        }
        continue;
      }
      if (is_skipped_tag(tag) || has_boilerplate_class(child) || is_hidden(child)) continue;
      if (dropped_ && dropped_->count(child)) continue;
      bool block = is_block_tag(tag);
      if (block) flush();
      walk(child, in_link || tag == MyHTML_TAG_A);
      if (block) flush();
    }
  }
  // Walks `node` as a block of its own: its text never joins the previous paragraph.
  void walk_block(myhtml_tree_node_t* node) {
    flush();
    walk(node, myhtml_node_tag_id(node) == MyHTML_TAG_A);
    flush();
  }
  std::vector<std::string> take() {
    flush();
    return std::move(paragraphs_);
  }

 private:
  void flush() {
    bool links = current_chars_ > 0 &&
                 static_cast<double>(current_link_chars_) / current_chars_ > kMaxParagraphLinkDensity;
    std::string paragraph = links ? std::string() : unicode::collapse_white_space(current_);
    current_.clear();
    current_chars_ = current_link_chars_ = 0;
    if (!paragraph.empty()) paragraphs_.push_back(std::move(paragraph));
  }
  std::string current_;
  std::size_t current_chars_ = 0, current_link_chars_ = 0;
  std::vector<std::string> paragraphs_;

 public:
  // Elements left out wholesale (with everything under them); not owned.
  const std::unordered_set<myhtml_tree_node_t*>* dropped_ = nullptr;
};

myhtml_tree_node_t* find_first(myhtml_tree_node_t* node, myhtml_tag_id_t tag) {
  for (myhtml_tree_node_t* child = myhtml_node_child(node); child;
       child = myhtml_node_next(child)) {
    if (myhtml_node_tag_id(child) == tag) return child;
    if (myhtml_tree_node_t* found = find_first(child, tag)) return found;
  }
  return nullptr;
}


// Readability-style content scoring. Every paragraph-like block (p, pre, td, blockquote, or a
// div/section holding text but no block) of at least kMinParagraphChars visible characters
// gives its parent, grandparent and great-grandparent a score (1 + commas + one point per
// 100 characters, at most kMaxLengthPoints); a container's score starts from its tag and its
// class/id hints and is finally scaled by (1 - link density). The best container, plus those
// of its siblings that score close to it, is the article body.
constexpr std::size_t kMinParagraphChars = 25;   // readability's cut: shorter blocks are labels
constexpr double kMaxLengthPoints = 3;           // readability: long paragraphs score at most 3
constexpr double kClassHintWeight = 25;          // readability's weight of a class/id hint
// Siblings of the best container join it when they score at least this share of its score
// (and at least kMinSiblingScore): readability's values, which kept multi-part bodies whole.
constexpr double kSiblingScoreShare = 0.2;
constexpr double kMinSiblingScore = 10;
// A sibling paragraph without a score joins when it is this long and has little link text.
constexpr std::size_t kSiblingParagraphChars = 80;
constexpr double kSiblingParagraphLinkDensity = 0.25;
// Readability's common-ancestor rule: among the kTopCandidates best containers, when at least
// kMinCloseCandidates others score kCloseCandidateShare of the best, the article is their
// common ancestor (pages that wrap each paragraph in its own card).
constexpr std::size_t kTopCandidates = 5;
// A container inside the article whose text is more than this share link text is a link
// list or teaser block and is left out whole. Measured with `vigie eval extraction`: 0.33
// (readability's cut) gave Zyte 0.954 / trafilatura 0.879, 0.5 gave 0.955 / 0.880.
constexpr double kMaxContainerLinkDensity = 0.5;
constexpr std::size_t kMinCloseCandidates = 3;
constexpr double kCloseCandidateShare = 0.75;

constexpr const char* kNegativeHints[] = {
    "comment", "related", "share", "social", "sidebar", "footer", "footnote", "masthead",
    "promo", "sponsor", "widget", "banner", "outbrain", "taboola", "newsletter", "subscribe",
    "menu", "nav", "breadcrumb", "popup", "modal", "cookie", "shopping", "combx", "contact",
    "advert", "-ad-", "meta", "tags", "tool", "recommend", "teaser", "more-"};
constexpr const char* kPositiveHints[] = {"article", "body", "content", "entry", "hentry",
                                          "main", "post", "text", "blog", "story", "prose"};

double class_weight(myhtml_tree_node_t* node) {
  std::string marks = unicode::fold(attribute(node, "class") + " " + attribute(node, "id") + " " +
                                    attribute(node, "itemprop"));
  if (marks.size() <= 1) return 0;
  double weight = 0;
  for (const char* hint : kNegativeHints) {
    if (marks.find(hint) != std::string::npos) {
      weight -= kClassHintWeight;
      break;
    }
  }
  for (const char* hint : kPositiveHints) {
    if (marks.find(hint) != std::string::npos) {
      weight += kClassHintWeight;
      break;
    }
  }
  return weight;
}

double tag_weight(myhtml_tag_id_t tag) {
  switch (tag) {
    case MyHTML_TAG_DIV: case MyHTML_TAG_ARTICLE: case MyHTML_TAG_MAIN: return 5;
    case MyHTML_TAG_PRE: case MyHTML_TAG_TD: case MyHTML_TAG_BLOCKQUOTE: return 3;
    case MyHTML_TAG_ADDRESS: case MyHTML_TAG_OL: case MyHTML_TAG_UL: case MyHTML_TAG_DL:
    case MyHTML_TAG_DD: case MyHTML_TAG_DT: case MyHTML_TAG_LI: case MyHTML_TAG_FORM: return -3;
    case MyHTML_TAG_H1: case MyHTML_TAG_H2: case MyHTML_TAG_H3: case MyHTML_TAG_H4:
    case MyHTML_TAG_H5: case MyHTML_TAG_H6: case MyHTML_TAG_TH: return -5;
    default: return 0;
  }
}

class ContentScorer {
 public:
  struct Stats {
    std::size_t chars = 0, link_chars = 0, commas = 0;
    std::size_t own_chars = 0, own_commas = 0;  // text nodes that are direct children
    bool has_block = false;
    bool candidate = false;
    double score = 0;
    double link_density() const {
      return chars ? static_cast<double>(link_chars) / chars : 0.0;
    }
  };

  // Returns the nodes that make the article body, in document order (empty: nothing scored).
  std::vector<myhtml_tree_node_t*> select(myhtml_tree_node_t* body) {
    measure(body, false);
    score_paragraphs(body);
    myhtml_tree_node_t* best = nullptr;
    double best_score = 0;
    for (auto& [node, stats] : stats_) {
      if (!stats.candidate) continue;
      stats.score *= 1.0 - stats.link_density();
      if (!best || stats.score > best_score) {
        best = node;
        best_score = stats.score;
      }
    }
    std::vector<myhtml_tree_node_t*> chosen;
    if (!best) return chosen;
    best = widen(best, body);
    best_score = stats_[best].score;
    myhtml_tree_node_t* parent = myhtml_node_parent(best);
    if (!parent) return {best};
    double threshold = std::max(kMinSiblingScore, best_score * kSiblingScoreShare);
    for (myhtml_tree_node_t* sibling = myhtml_node_child(parent); sibling;
         sibling = myhtml_node_next(sibling)) {
      if (sibling == best) {
        chosen.push_back(sibling);
        continue;
      }
      auto it = stats_.find(sibling);
      if (it == stats_.end()) continue;
      const Stats& stats = it->second;
      if ((stats.candidate && stats.score >= threshold) ||
          (myhtml_node_tag_id(sibling) == MyHTML_TAG_P && stats.chars >= kSiblingParagraphChars &&
           stats.link_density() < kSiblingParagraphLinkDensity)) {
        chosen.push_back(sibling);
      }
    }
    return chosen;
  }

 private:
  bool is_ancestor(myhtml_tree_node_t* ancestor, myhtml_tree_node_t* node) {
    for (; node; node = myhtml_node_parent(node)) {
      if (node == ancestor) return true;
    }
    return false;
  }

  // Readability's widening of the best container: an article split into many small scored
  // containers (one per paragraph card) is their common ancestor; a container whose parent
  // scores higher, or that is its parent's only child, gives way to the parent.
  myhtml_tree_node_t* widen(myhtml_tree_node_t* best, myhtml_tree_node_t* body) {
    std::vector<std::pair<double, myhtml_tree_node_t*>> ranked;
    for (auto& [node, stats] : stats_) {
      if (stats.candidate) ranked.emplace_back(stats.score, node);
    }
    std::size_t top = std::min(ranked.size(), kTopCandidates);
    std::partial_sort(ranked.begin(), ranked.begin() + top, ranked.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    double best_score = stats_[best].score;
    std::vector<myhtml_tree_node_t*> close;
    for (std::size_t i = 0; i < top; ++i) {
      if (ranked[i].second != best && ranked[i].first >= kCloseCandidateShare * best_score) {
        close.push_back(ranked[i].second);
      }
    }
    if (close.size() >= kMinCloseCandidates) {
      for (myhtml_tree_node_t* ancestor = myhtml_node_parent(best); ancestor && ancestor != body;
           ancestor = myhtml_node_parent(ancestor)) {
        std::size_t inside = 0;
        for (myhtml_tree_node_t* other : close) inside += is_ancestor(ancestor, other) ? 1 : 0;
        if (inside >= kMinCloseCandidates) {
          best = ancestor;
          break;
        }
      }
    }
    // Climb while the parent scores higher than the last step.
    double last_score = stats_[best].score;
    double floor_score = last_score / 3;
    for (myhtml_tree_node_t* parent = myhtml_node_parent(best); parent && parent != body;
         parent = myhtml_node_parent(parent)) {
      auto it = stats_.find(parent);
      if (it == stats_.end() || !it->second.candidate) continue;
      if (it->second.score < floor_score) break;
      if (it->second.score > last_score) {
        best = parent;
        break;
      }
      last_score = it->second.score;
    }
    // An only child says nothing its parent does not.
    for (myhtml_tree_node_t* parent = myhtml_node_parent(best); parent && parent != body;
         parent = myhtml_node_parent(parent)) {
      std::size_t elements = 0;
      for (myhtml_tree_node_t* c = myhtml_node_child(parent); c; c = myhtml_node_next(c)) {
        if (myhtml_node_tag_id(c) != MyHTML_TAG__TEXT && myhtml_node_tag_id(c) != MyHTML_TAG__COMMENT) ++elements;
      }
      if (elements != 1) break;
      best = parent;
    }
    Stats& stats = stats_[best];
    if (!stats.candidate) {
      stats.candidate = true;
      stats.score = best_score;
    }
    return best;
  }

  // Visible, link and comma counts of every element; false when nothing under it is visible.
  const Stats& measure(myhtml_tree_node_t* node, bool in_link) {
    Stats& stats = stats_[node];
    for (myhtml_tree_node_t* child = myhtml_node_child(node); child;
         child = myhtml_node_next(child)) {
      myhtml_tag_id_t tag = myhtml_node_tag_id(child);
      if (tag == MyHTML_TAG__TEXT) {
        std::size_t length = 0;
        const char* text = myhtml_node_text(child, &length);
        if (!text) continue;
        std::size_t chars = visible_chars(text, length);
        std::size_t commas = static_cast<std::size_t>(std::count(text, text + length, ','));
        stats.chars += chars;
        stats.own_chars += chars;
        if (in_link) stats.link_chars += chars;
        stats.commas += commas;
        stats.own_commas += commas;
        continue;
      }
      if (is_skipped_tag(tag) || is_hidden(child)) continue;
      if (is_block_tag(tag) && tag != MyHTML_TAG_BR) stats.has_block = true;
      const Stats& inner = measure(child, in_link || tag == MyHTML_TAG_A);
      stats.chars += inner.chars;
      stats.link_chars += inner.link_chars;
      stats.commas += inner.commas;
    }
    return stats;
  }

  void score_paragraphs(myhtml_tree_node_t* node) {
    for (myhtml_tree_node_t* child = myhtml_node_child(node); child;
         child = myhtml_node_next(child)) {
      auto it = stats_.find(child);
      if (it == stats_.end()) continue;
      myhtml_tag_id_t tag = myhtml_node_tag_id(child);
      const Stats& stats = it->second;
      bool paragraph = tag == MyHTML_TAG_P || tag == MyHTML_TAG_PRE || tag == MyHTML_TAG_TD ||
                       tag == MyHTML_TAG_BLOCKQUOTE ||
                       ((tag == MyHTML_TAG_DIV || tag == MyHTML_TAG_SECTION) && !stats.has_block);
      // A container holding text directly (text and <br> between blocks) scores that text as
      // one paragraph of its own, readability's "div to p" conversion.
      bool loose_text = !paragraph && stats.own_chars >= kMinParagraphChars;
      if (paragraph || loose_text) {
        std::size_t chars = paragraph ? stats.chars : stats.own_chars;
        std::size_t commas = paragraph ? stats.commas : stats.own_commas;
        if (chars >= kMinParagraphChars) {
          double points = 1 + static_cast<double>(commas) +
                          std::min(kMaxLengthPoints, std::floor(chars / 100.0));
          myhtml_tree_node_t* ancestor = paragraph ? myhtml_node_parent(child) : child;
          for (int level = 0; level < 3 && ancestor; ++level) {
            Stats& target = stats_[ancestor];
            if (!target.candidate) {
              target.candidate = true;
              target.score = tag_weight(myhtml_node_tag_id(ancestor)) + class_weight(ancestor);
            }
            target.score += points / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
            ancestor = myhtml_node_parent(ancestor);
            if (ancestor && myhtml_node_tag_id(ancestor) == MyHTML_TAG_HTML) break;
          }
        }
        if (paragraph) continue;
      }
      score_paragraphs(child);
    }
  }

  std::unordered_map<myhtml_tree_node_t*, Stats> stats_;

 public:
  // Containers (div, section, lists, tables) made mostly of links: link lists and teasers
  // inside the article container, which the collector leaves out whole.
  std::unordered_set<myhtml_tree_node_t*> link_heavy_containers() const {
    std::unordered_set<myhtml_tree_node_t*> out;
    for (const auto& [node, stats] : stats_) {
      switch (myhtml_node_tag_id(node)) {
        case MyHTML_TAG_DIV: case MyHTML_TAG_SECTION: case MyHTML_TAG_UL: case MyHTML_TAG_OL:
        case MyHTML_TAG_TABLE: case MyHTML_TAG_DL:
          if (stats.link_density() > kMaxContainerLinkDensity && !declares_article(node)) {
            out.insert(node);
          }
          break;
        default:
          break;
      }
    }
    return out;
  }
};

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
  // Publication dates by source, in order of trust (JSON-LD goes straight to `published`).
  std::string meta_date, itemprop_date, time_date;
  std::string jsonld_body;  // schema.org articleBody, when the page gives one
};

// The JSON-LD articleBody replaces the extracted body when it is at least kMinJsonLdBodyChars
// long and the extracted body is shorter than kJsonLdBodyShare of it (the extractor then
// picked a fragment: a teaser, a caption, a cookie wall). Measured on the Zyte pages with
// `vigie eval extraction`.
constexpr std::size_t kMinJsonLdBodyChars = 500;
constexpr double kJsonLdBodyShare = 0.5;

// <meta name|property=…> keys that carry the publication date (OpenGraph/article:*, Dublin
// Core, Parse.ly, Sailthru and the common CMS names).
constexpr const char* kDateMetaKeys[] = {
    "article:published_time", "og:article:published_time", "og:published_time", "date",
    "pubdate", "publishdate", "publish-date", "publication_date", "dc.date", "dc.date.issued",
    "dc.date.created", "dcterms.date", "dcterms.created", "dcterms.issued", "sailthru.date",
    "parsely-pub-date", "article.published", "datepublished", "citation_publication_date",
    "citation_date", "originalpublicationdate", "displaydate", "pub_date", "published_time"};

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
    if (type.find("Article") == std::string::npos && type != "BlogPosting" &&
        type != "Report") {
      continue;
    }
    auto get_string = [&](const char* key) -> std::string {
      auto it = item.find(key);
      return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (meta.jsonld_title.empty()) meta.jsonld_title = get_string("headline");
    if (meta.jsonld_body.empty()) meta.jsonld_body = get_string("articleBody");
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
      if (meta.meta_date.empty()) {
        for (const char* date_key : kDateMetaKeys) {
          if (key == date_key) {
            meta.meta_date = normalise_date(content);
            break;
          }
        }
      }
      if (meta.itemprop_date.empty() &&
          unicode::fold(attribute(child, "itemprop")) == "datepublished") {
        meta.itemprop_date = normalise_date(content);
      }
      if ((key == "author" || key == "article:author") && meta.author.empty()) meta.author = content;
    } else if (tag == MyHTML_TAG_LINK) {
      if (unicode::fold(attribute(child, "rel")) == "canonical" && meta.url.empty()) {
        meta.url = attribute(child, "href");
      }
    } else if (tag == MyHTML_TAG_TIME) {
      std::string date = normalise_date(attribute(child, "datetime"));
      if (!date.empty() && unicode::fold(attribute(child, "itemprop")) == "datepublished" &&
          meta.itemprop_date.empty()) {
        meta.itemprop_date = date;
      }
      if (meta.time_date.empty()) meta.time_date = date;
    } else if (tag == MyHTML_TAG_TITLE) {
      if (meta.title.empty()) meta.title = unicode::collapse_white_space(node_text_raw(child));
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
    std::string title = unicode::collapse_white_space(*candidate);
    if (!title.empty()) {
      document.title = std::move(title);
      break;
    }
  }
  std::vector<myhtml_tree_node_t*> parts;
  ContentScorer scorer;
  if (body) parts = scorer.select(body);
  std::unordered_set<myhtml_tree_node_t*> link_heavy = scorer.link_heavy_containers();
  if (parts.empty() && content) parts.push_back(content);
  if (!parts.empty()) {
    TextCollector collector;
    collector.dropped_ = &link_heavy;
    for (myhtml_tree_node_t* part : parts) collector.walk_block(part);
    std::vector<std::string> paragraphs = collector.take();
    if (paragraphs.empty() && content) {  // the scored parts were all boilerplate
      collector.walk_block(content);
      paragraphs = collector.take();
    }
    std::string text;
    for (const std::string& paragraph : paragraphs) {
      if (!text.empty()) text += "\n\n";
      text += paragraph;
    }
    document.text = std::move(text);
  }
  if (meta.jsonld_body.size() >= kMinJsonLdBodyChars &&
      static_cast<double>(document.text.size()) < kJsonLdBodyShare * meta.jsonld_body.size()) {
    document.text = unicode::collapse_white_space(meta.jsonld_body);
    document.diagnostics.push_back({"ingest", "body taken from the JSON-LD articleBody"});
  }
  document.url = meta.url;
  document.site = unicode::collapse_white_space(meta.site);
  document.author = unicode::collapse_white_space(meta.author);
  // Dates in order of trust: JSON-LD, meta tags, itemprop, the first <time>, the URL's path
  // ("/2019/11/19/").
  for (const std::string* date :
       {&meta.published, &meta.meta_date, &meta.itemprop_date, &meta.time_date}) {
    if (!date->empty()) {
      document.published = *date;
      break;
    }
  }
  if (document.published.empty() && !meta.url.empty()) {
    document.published = normalise_date(meta.url);
  }
  // "fr-FR" -> "fr"
  document.lang = meta.lang.substr(0, meta.lang.find_first_of("-_"));
  return document;
}

Document document_from_html_bytes(std::string id, std::string_view bytes) {
  Utf8Page page = page_to_utf8(bytes);
  Document document = document_from_html(std::move(id), page.text);
  if (page.charset != "UTF-8") {
    document.diagnostics.push_back(
        {"ingest", "page read as " + page.charset + " (" + page.evidence + ")"});
  }
  if (page.replaced > 0) {
    document.diagnostics.push_back(
        {"ingest", std::to_string(page.replaced) + " invalid " + page.charset +
                       " byte(s) replaced by U+FFFD"});
  }
  return document;
}

}  // namespace vigie::ingest
