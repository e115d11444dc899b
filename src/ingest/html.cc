// HTML page -> Document, over myhtml (libmodest).
//
// Metadata, each field from the most trusted source that has it: title from the JSON-LD
// headline, og:title, Dublin Core/Twitter titles, else the <h1> that <title> repeats, else
// <title> without its site name; date from JSON-LD, article:*/Dublin Core meta, itemprop, the
// first <time>, the URL's path, then the visible dateline; author from JSON-LD (object, array,
// string, @graph), meta tags, then the visible byline ("By " stripped).
//
// The body is found by a scored block extractor (ContentScorer, after Readability): blocks
// named like comments, sidebars and menus are left out of the scoring (and put back when that
// leaves too little); paragraphs, and inline text beside blocks, score their ancestors by
// length and commas; class/id hints and link density weigh the containers; a container inside
// <article>/<main> wins over a close one outside them; the best container is widened to its
// article (common ancestor of close runners-up, better-scoring parent, only-child parent) and
// joined by its good siblings. Its text is then collected without scripts, navigation, asides,
// hidden elements, blocks whose class names boilerplate (unless they hold most of the text),
// link-heavy containers and link-heavy paragraphs. When nothing scores (no paragraph of
// kMinParagraphChars), <article>, else <main>, else <body> is taken.
// Measured with `vigie eval extraction` (see README "Measured").
#include <myhtml/api.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/charset.h"
#include "ingest/ingest.h"
#include "unicode/utf8.h"

namespace vigie::ingest {
namespace {

// Substrings of class/id values that mark a block as page furniture, not article text.
constexpr const char* kBoilerplateClassMarks[] = {
    "comment",   "related",  "share",     "social",  "cookie",     "consent",    "newsletter",
    "subscribe", "promo",    "advert",    "sidebar", "breadcrumb", "footer",     "navbar",
    "menu",      "byline",   "author",    "tags",    "signup",     "popup",      "banner",
    "recommend", "outbrain", "taboola",   "caption", "credit",     "disclaimer", "paywall",
    "read-more", "readmore", "timestamp", "sponsor", "dateline"};

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
    case MyHTML_TAG_SCRIPT:
    case MyHTML_TAG_STYLE:
    case MyHTML_TAG_NOSCRIPT:
    case MyHTML_TAG_NAV:
    case MyHTML_TAG_ASIDE:
    case MyHTML_TAG_FOOTER:
    case MyHTML_TAG_HEADER:
    case MyHTML_TAG_FORM:
    case MyHTML_TAG_BUTTON:
    case MyHTML_TAG_SELECT:
    case MyHTML_TAG_TEXTAREA:
    case MyHTML_TAG_IFRAME:
    case MyHTML_TAG_SVG:
    case MyHTML_TAG_FIGURE:
    case MyHTML_TAG_TEMPLATE:
    case MyHTML_TAG__COMMENT:
    case MyHTML_TAG_H1:  // the headline becomes the title
      return true;
    default:
      return false;
  }
}

bool is_block_tag(myhtml_tag_id_t tag) {
  switch (tag) {
    case MyHTML_TAG_P:
    case MyHTML_TAG_H2:
    case MyHTML_TAG_H3:
    case MyHTML_TAG_H4:
    case MyHTML_TAG_H5:
    case MyHTML_TAG_H6:
    case MyHTML_TAG_LI:
    case MyHTML_TAG_BLOCKQUOTE:
    case MyHTML_TAG_DIV:
    case MyHTML_TAG_SECTION:
    case MyHTML_TAG_ARTICLE:
    case MyHTML_TAG_BR:
    case MyHTML_TAG_TR:
    case MyHTML_TAG_PRE:
    case MyHTML_TAG_DD:
    case MyHTML_TAG_DT:
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
    if (marks.find(mark) != std::string::npos) {
      return true;
    }
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

// A block whose class names boilerplate is still kept when it holds more than this share of
// the visible text of the part being collected. Measured with `vigie eval extraction`.
constexpr double kBoilerplateKeepShare = 0.5;

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
      if (is_skipped_tag(tag) || is_hidden(child)) continue;
      // A block named like furniture that holds most of the part's text is the article in a
      // misleading wrapper ("content-with-sidebar", "paywall" around the paid text).
      // Shares are of the text of all the parts together.
      if (has_boilerplate_class(child) &&
          !(chars_of_ && chars_of_(child) > kBoilerplateKeepShare * part_chars_)) {
        continue;
      }
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
    bool links = current_chars_ > 0 && static_cast<double>(current_link_chars_) / current_chars_ >
                                           kMaxParagraphLinkDensity;
    std::string paragraph = links ? std::string() : unicode::collapse_white_space(current_);
    current_.clear();
    current_chars_ = current_link_chars_ = 0;
    if (!paragraph.empty()) paragraphs_.push_back(std::move(paragraph));
  }
  std::string current_;
  std::size_t current_chars_ = 0, current_link_chars_ = 0;
  std::vector<std::string> paragraphs_;

 public:
  // Visible characters under an element (from the scorer), and under all the parts walked.
  std::function<std::size_t(myhtml_tree_node_t*)> chars_of_;
  std::size_t part_chars_ = 0;
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
constexpr std::size_t kMinParagraphChars = 25;  // readability's cut: shorter blocks are labels
constexpr double kMaxLengthPoints = 3;          // readability: long paragraphs score at most 3
constexpr double kClassHintWeight = 25;         // readability's weight of a class/id hint
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
    "comment",    "related",   "share",     "social",  "sidebar",    "footer",   "footnote",
    "masthead",   "promo",     "sponsor",   "widget",  "banner",     "outbrain", "taboola",
    "newsletter", "subscribe", "menu",      "nav",     "breadcrumb", "popup",    "modal",
    "cookie",     "shopping",  "combx",     "contact", "advert",     "-ad-",     "meta",
    "tags",       "tool",      "recommend", "teaser",  "more-"};
constexpr const char* kPositiveHints[] = {"article", "body", "content", "entry", "hentry", "main",
                                          "post",    "text", "blog",    "story", "prose"};

// Phrasing (inline) elements: their text belongs to the paragraph around them.
bool is_phrasing_tag(myhtml_tag_id_t tag) {
  switch (tag) {
    case MyHTML_TAG_A:
    case MyHTML_TAG_ABBR:
    case MyHTML_TAG_B:
    case MyHTML_TAG_BDI:
    case MyHTML_TAG_BDO:
    case MyHTML_TAG_BIG:
    case MyHTML_TAG_CITE:
    case MyHTML_TAG_CODE:
    case MyHTML_TAG_DEL:
    case MyHTML_TAG_DFN:
    case MyHTML_TAG_EM:
    case MyHTML_TAG_FONT:
    case MyHTML_TAG_I:
    case MyHTML_TAG_INS:
    case MyHTML_TAG_KBD:
    case MyHTML_TAG_LABEL:
    case MyHTML_TAG_MARK:
    case MyHTML_TAG_Q:
    case MyHTML_TAG_S:
    case MyHTML_TAG_SAMP:
    case MyHTML_TAG_SMALL:
    case MyHTML_TAG_SPAN:
    case MyHTML_TAG_STRIKE:
    case MyHTML_TAG_STRONG:
    case MyHTML_TAG_SUB:
    case MyHTML_TAG_SUP:
    case MyHTML_TAG_TIME:
    case MyHTML_TAG_TT:
    case MyHTML_TAG_U:
    case MyHTML_TAG_VAR:
      return true;
    default:
      return false;
  }
}

// Readability's "unlikely candidates": blocks whose class or id names comments, related
// links, sidebars and the like are left out of the scoring altogether (so a long comment
// thread cannot outscore the article), unless the name also says it holds the content
// ("content-with-sidebar", "main-column").
constexpr const char* kUnlikelyCandidateMarks[] = {
    "comment", "related",    "sidebar", "footer",  "menu",       "social", "sponsor",
    "popup",   "breadcrumb", "disqus",  "replies", "pagination", "pager",  "shoutbox",
    "banner",  "-ad-",       "gdpr",    "cookie",  "newsletter"};
constexpr const char* kLikelyCandidateMarks[] = {"article", "body", "content", "main", "column"};

bool is_unlikely_candidate(myhtml_tree_node_t* node) {
  if (declares_article(node)) return false;
  std::string marks = unicode::fold(attribute(node, "class") + " " + attribute(node, "id"));
  if (marks.size() <= 1) return false;
  bool unlikely = false;
  for (const char* mark : kUnlikelyCandidateMarks) {
    if (marks.find(mark) != std::string::npos) {
      unlikely = true;
      break;
    }
  }
  if (!unlikely) return false;
  for (const char* mark : kLikelyCandidateMarks) {
    if (marks.find(mark) != std::string::npos) return false;
  }
  return true;
}

// A container with less text than this gets no bonus from a positive class hint: a one-line
// byline block named "content-wrapper" must not outscore the article. Measured with
// `vigie eval extraction`.
constexpr std::size_t kMinHintedChars = 100;

double class_weight(myhtml_tree_node_t* node, bool positive) {
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
    if (positive && marks.find(hint) != std::string::npos) {
      weight += kClassHintWeight;
      break;
    }
  }
  return weight;
}

double tag_weight(myhtml_tag_id_t tag) {
  switch (tag) {
    case MyHTML_TAG_DIV:
    case MyHTML_TAG_ARTICLE:
    case MyHTML_TAG_MAIN:
      return 5;
    case MyHTML_TAG_PRE:
    case MyHTML_TAG_TD:
    case MyHTML_TAG_BLOCKQUOTE:
      return 3;
    case MyHTML_TAG_ADDRESS:
    case MyHTML_TAG_OL:
    case MyHTML_TAG_UL:
    case MyHTML_TAG_DL:
    case MyHTML_TAG_DD:
    case MyHTML_TAG_DT:
    case MyHTML_TAG_LI:
    case MyHTML_TAG_FORM:
      return -3;
    case MyHTML_TAG_H1:
    case MyHTML_TAG_H2:
    case MyHTML_TAG_H3:
    case MyHTML_TAG_H4:
    case MyHTML_TAG_H5:
    case MyHTML_TAG_H6:
    case MyHTML_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

// A candidate inside an <article>, <main> or articleBody replaces a better one outside them
// when it scores at least this share of it. Measured with `vigie eval extraction`: 0.75 gave
// Zyte 0.966 -> 0.968 with trafilatura unchanged (0.897; 3 more segments found); 0.5 the same
// on Zyte but lost a trafilatura page.
constexpr double kDeclaredArticleShare = 0.75;

// True when `node` is, or is inside, an element that declares itself the article.
bool inside_article(myhtml_tree_node_t* node) {
  for (; node; node = myhtml_node_parent(node)) {
    if (declares_article(node)) return true;
  }
  return false;
}

class ContentScorer {
 public:
  // `prune_unlikely`: leave blocks named like comments, sidebars, menus out of the scoring.
  explicit ContentScorer(bool prune_unlikely) : prune_unlikely_(prune_unlikely) {}

  struct Stats {
    std::size_t chars = 0, link_chars = 0, commas = 0;
    std::size_t own_chars = 0, own_commas = 0;  // text nodes that are direct children
    bool has_block = false;
    bool candidate = false;
    double score = 0;
    double link_density() const { return chars ? static_cast<double>(link_chars) / chars : 0.0; }
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
    if (!inside_article(best) && !find_first(best, MyHTML_TAG_ARTICLE) &&
        !find_first(best, MyHTML_TAG_MAIN)) {
      // The page says where its article is: a container inside <article>/<main> that scores
      // close to the best one outside them (a strip of teasers below the story) wins.
      myhtml_tree_node_t* declared = nullptr;
      double declared_score = 0;
      for (auto& [node, stats] : stats_) {
        if (stats.candidate && stats.score >= kDeclaredArticleShare * best_score &&
            stats.score > declared_score && inside_article(node)) {
          declared = node;
          declared_score = stats.score;
        }
      }
      if (declared) {
        best = declared;
        best_score = declared_score;
      }
    }
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
        if (myhtml_node_tag_id(c) != MyHTML_TAG__TEXT &&
            myhtml_node_tag_id(c) != MyHTML_TAG__COMMENT)
          ++elements;
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
      if (prune_unlikely_ && is_unlikely_candidate(child)) continue;
      if (is_block_tag(tag) && tag != MyHTML_TAG_BR) stats.has_block = true;
      const Stats& inner = measure(child, in_link || tag == MyHTML_TAG_A);
      stats.chars += inner.chars;
      stats.link_chars += inner.link_chars;
      stats.commas += inner.commas;
      if (is_phrasing_tag(tag)) {  // inline text is its container's own text
        stats.own_chars += inner.own_chars;
        stats.own_commas += inner.own_commas;
      }
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
      bool loose_text =
          !paragraph && !is_phrasing_tag(tag) && stats.own_chars >= kMinParagraphChars;
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
              target.score = tag_weight(myhtml_node_tag_id(ancestor)) +
                             class_weight(ancestor, target.chars >= kMinHintedChars);
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
  bool prune_unlikely_;

 public:
  // Visible characters under `node` (0 when it was not measured).
  std::size_t chars(myhtml_tree_node_t* node) const {
    auto it = stats_.find(node);
    return it == stats_.end() ? 0 : it->second.chars;
  }
  // Containers (div, section, lists, tables) made mostly of links: link lists and teasers
  // inside the article container, which the collector leaves out whole.
  std::unordered_set<myhtml_tree_node_t*> link_heavy_containers() const {
    std::unordered_set<myhtml_tree_node_t*> out;
    for (const auto& [node, stats] : stats_) {
      switch (myhtml_node_tag_id(node)) {
        case MyHTML_TAG_DIV:
        case MyHTML_TAG_SECTION:
        case MyHTML_TAG_UL:
        case MyHTML_TAG_OL:
        case MyHTML_TAG_TABLE:
        case MyHTML_TAG_DL:
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

// An article body shorter than this (visible characters) is suspect: the extraction is run
// again without leaving out the "unlikely" blocks. Readability's charThreshold.
constexpr std::size_t kMinArticleChars = 500;

// The article text under `body`: the scored parts, else `content` (<article>, <main> or body).
std::string extract_body(myhtml_tree_node_t* body, myhtml_tree_node_t* content,
                         bool prune_unlikely) {
  ContentScorer scorer(prune_unlikely);
  std::vector<myhtml_tree_node_t*> parts = scorer.select(body);
  std::unordered_set<myhtml_tree_node_t*> link_heavy = scorer.link_heavy_containers();
  if (parts.empty() && content) parts.push_back(content);
  TextCollector collector;
  collector.dropped_ = &link_heavy;
  collector.chars_of_ = [&scorer](myhtml_tree_node_t* node) { return scorer.chars(node); };
  for (myhtml_tree_node_t* part : parts) collector.part_chars_ += scorer.chars(part);
  for (myhtml_tree_node_t* part : parts) {
    collector.walk_block(part);
  }
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
  return text;
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
  std::string title;                       // <title>
  std::string jsonld_title, og_title, h1;  // JSON-LD headline, og:title, the first <h1>
  std::string meta_title;                  // dc.title, twitter:title, parsely-title
  std::string site, url, lang;
  // Publication dates by source, in order of trust.
  std::string jsonld_date, meta_date, itemprop_date, time_date, visible_date;
  // Authors by source, in order of trust.
  std::string jsonld_author, meta_author, visible_author;
  std::size_t meta_author_rank = SIZE_MAX;  // index in kAuthorMetaKeys of meta_author's key
  std::string jsonld_body;                  // schema.org articleBody, when the page gives one
};

// The JSON-LD articleBody replaces the extracted body when it is at least kMinJsonLdBodyChars
// long and the extracted body is shorter than kJsonLdBodyShare of it (the extractor then
// picked a fragment: a teaser, a caption, a cookie wall). Measured on the Zyte pages with
// `vigie eval extraction`.
constexpr std::size_t kMinJsonLdBodyChars = 500;
constexpr double kJsonLdBodyShare = 0.5;

// <meta name|property=…> keys that carry the publication date (OpenGraph/article:*, Dublin
// Core, Parse.ly, Sailthru and the common CMS names).
constexpr const char* kDateMetaKeys[] = {"article:published_time",
                                         "og:article:published_time",
                                         "og:published_time",
                                         "date",
                                         "pubdate",
                                         "publishdate",
                                         "publish-date",
                                         "publication_date",
                                         "dc.date",
                                         "dc.date.issued",
                                         "dc.date.created",
                                         "dcterms.date",
                                         "dcterms.created",
                                         "dcterms.issued",
                                         "sailthru.date",
                                         "parsely-pub-date",
                                         "article.published",
                                         "datepublished",
                                         "citation_publication_date",
                                         "citation_date",
                                         "originalpublicationdate",
                                         "displaydate",
                                         "pub_date",
                                         "published_time"};

// <meta name|property=…> keys that name the author, most trusted first (readability's order;
// ':' read as '.'). A profile URL in them is skipped.
constexpr const char* kAuthorMetaKeys[] = {
    "dc.creator",     "dcterms.creator", "author", "article.author",
    "parsely-author", "sailthru.author", "byl"};
// <meta> keys that carry the headline, after JSON-LD and og:title (readability's order).
constexpr const char* kTitleMetaKeys[] = {"dc.title", "dcterms.title", "twitter:title",
                                          "parsely-title"};
// Class/id substrings of elements that hold a visible dateline ("Publié le 6 septembre 2021").
constexpr const char* kDatelineMarks[] = {"date",   "time", "publi", "posted",
                                          "byline", "meta", "info"};
// The visible dateline and byline are short: longer elements are containers, not datelines.
constexpr std::size_t kMaxDatelineBytes = 200;
constexpr std::size_t kMaxBylineBytes = 100;
// A date written in this many bytes of text after the headline counts as its dateline.
constexpr std::size_t kDatelineWindowBytes = 1000;

bool is_digit_start(std::string_view value) {
  return !value.empty() && value[0] >= '0' && value[0] <= '9';
}

bool looks_like_url(std::string_view value) {
  return value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0 ||
         value.rfind("//", 0) == 0 || value.rfind("www.", 0) == 0;
}

// "By Jane Doe" -> "Jane Doe"; also "Par", "Written by", "Von" (folded match, text kept).
std::string strip_byline_prefix(std::string byline) {
  byline = unicode::collapse_white_space(byline);
  for (const char* prefix : {"written by ", "posted by ", "by ", "par ", "por ", "von "}) {
    std::size_t n = std::strlen(prefix);
    if (byline.size() > n && unicode::fold(byline.substr(0, n)) == prefix) {
      byline = byline.substr(n);
      break;
    }
  }
  while (!byline.empty() && (byline.back() == ',' || byline.back() == '|' || byline.back() == '-' ||
                             byline.back() == ' ')) {
    byline.pop_back();
  }
  return byline;
}

// Separators after which a visible byline goes on with a role, a date or a section
// ("Dan Goodin - Apr 16, 2015", "Jane Doe | Staff writer", "Jane Doe , Senior editor").
constexpr const char* kBylineTailSeparators[] = {" - ",      " | ", " \u2014 ", " \u2013 ",
                                                 " \u00b7 ", " , ", " \u2014",  "\n"};

// The author named by a visible byline element's text, or empty when it names none (a bare
// "By", a date).
std::string visible_byline(const std::string& text) {
  std::string byline = unicode::collapse_white_space(text);
  for (const char* separator : kBylineTailSeparators) {
    std::size_t at = byline.find(separator);
    if (at != std::string::npos && at > 0) byline.erase(at);
  }
  byline = strip_byline_prefix(byline);
  std::string folded = unicode::fold(byline);
  if (folded == "by" || folded == "par" || folded == "por" || folded == "von") return {};
  if (byline.empty() || is_digit_start(byline) || !find_written_date(byline).empty()) return {};
  return byline;
}

// The names of a JSON-LD author value: an object with "name", a string, or an array of
// either (joined with ", "). Profile URLs are skipped.
std::string json_ld_author(const nlohmann::json& author) {
  auto name_of = [](const nlohmann::json& value) -> std::string {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_object()) {
      auto it = value.find("name");
      if (it != value.end() && it->is_string()) return it->get<std::string>();
    }
    return {};
  };
  std::vector<nlohmann::json> values;
  if (author.is_array()) {
    for (const auto& value : author) values.push_back(value);
  } else {
    values.push_back(author);
  }
  std::string out;
  for (const auto& value : values) {
    std::string name = unicode::collapse_white_space(name_of(value));
    if (name.empty() || looks_like_url(name)) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

bool is_article_type(const nlohmann::json& type) {
  auto article = [](const std::string& name) {
    return name.find("Article") != std::string::npos || name == "BlogPosting" || name == "Report" ||
           name == "LiveBlogPosting";
  };
  if (type.is_string()) return article(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& name : type) {
      if (name.is_string() && article(name.get<std::string>())) return true;
    }
  }
  return false;
}

// Objects of a JSON-LD block: the top object, the items of a top array, and the items of any
// "@graph" array among them.
void json_ld_items(const nlohmann::json& data, std::vector<const nlohmann::json*>& out,
                   int depth = 0) {
  if (depth > 3) return;  // JSON-LD nests @graph at most once in practice
  if (data.is_array()) {
    for (const auto& item : data) json_ld_items(item, out, depth + 1);
  } else if (data.is_object()) {
    out.push_back(&data);
    auto graph = data.find("@graph");
    if (graph != data.end()) json_ld_items(*graph, out, depth + 1);
  }
}

void read_json_ld(std::string_view script, Metadata& meta, Document& document) {
  // Some pages wrap the JSON in <![CDATA[ … ]]> (an XHTML habit).
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!script.empty() && is_space(script.front())) script.remove_prefix(1);
  while (!script.empty() && is_space(script.back())) script.remove_suffix(1);
  constexpr std::string_view kCdataOpen = "<![CDATA[", kCdataClose = "]]>";
  if (script.substr(0, kCdataOpen.size()) == kCdataOpen) script.remove_prefix(kCdataOpen.size());
  if (script.size() >= kCdataClose.size() &&
      script.substr(script.size() - kCdataClose.size()) == kCdataClose) {
    script.remove_suffix(kCdataClose.size());
  }
  nlohmann::json data = nlohmann::json::parse(script, nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded()) {
    document.diagnostics.push_back({"ingest", "JSON-LD block is not valid JSON; ignored"});
    return;
  }
  std::vector<const nlohmann::json*> items;
  json_ld_items(data, items);
  for (const nlohmann::json* pointer : items) {
    const nlohmann::json& item = *pointer;
    auto type = item.find("@type");
    if (type == item.end() || !is_article_type(*type)) continue;
    auto get_string = [&](const char* key) -> std::string {
      auto it = item.find(key);
      return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (meta.jsonld_title.empty()) meta.jsonld_title = get_string("headline");
    if (meta.jsonld_body.empty()) meta.jsonld_body = get_string("articleBody");
    if (meta.jsonld_date.empty()) meta.jsonld_date = normalise_date(get_string("datePublished"));
    if (meta.jsonld_author.empty()) {
      auto author = item.find("author");
      if (author != item.end()) meta.jsonld_author = json_ld_author(*author);
    }
    auto publisher = item.find("publisher");
    if (meta.site.empty() && publisher != item.end() && publisher->is_object()) {
      auto name = publisher->find("name");
      if (name != publisher->end() && name->is_string()) meta.site = name->get<std::string>();
    }
  }
}

// Appends the visible text under `node` to `out`, whole text nodes only. Returns false (and
// stops) once `out` is longer than `cap` bytes: datelines and bylines are short, and a
// container is not read whole.
bool append_text_capped(myhtml_tree_node_t* node, std::size_t cap, std::string& out) {
  for (myhtml_tree_node_t* child = myhtml_node_child(node); child;
       child = myhtml_node_next(child)) {
    myhtml_tag_id_t tag = myhtml_node_tag_id(child);
    if (tag == MyHTML_TAG__TEXT) {
      std::size_t length = 0;
      const char* text = myhtml_node_text(child, &length);
      if (text) out.append(text, length);
      out.push_back(' ');
    } else if (tag != MyHTML_TAG_SCRIPT && tag != MyHTML_TAG_STYLE && tag != MyHTML_TAG__COMMENT &&
               !append_text_capped(child, cap, out)) {
      return false;
    }
    if (out.size() > cap) return false;
  }
  return true;
}

// The visible byline and dateline: the first short element marked as one (rel/itemprop
// author, class "byline"/"author"; class "date"/"time"/"published", <time> text), and a date
// written just after the headline.
class VisibleMetadata {
 public:
  explicit VisibleMetadata(myhtml_tree_node_t* h1) : h1_(h1) {}
  void walk(myhtml_tree_node_t* node) {
    for (myhtml_tree_node_t* child = myhtml_node_child(node); child && !done();
         child = myhtml_node_next(child)) {
      myhtml_tag_id_t tag = myhtml_node_tag_id(child);
      if (tag == MyHTML_TAG__TEXT) {
        if (after_h1_ && after_h1_text_.size() < kDatelineWindowBytes) {
          std::size_t length = 0;
          const char* text = myhtml_node_text(child, &length);
          if (text) after_h1_text_.append(text, std::min(length, kDatelineWindowBytes));
          after_h1_text_.push_back(' ');
        }
        continue;
      }
      if (tag == MyHTML_TAG_SCRIPT || tag == MyHTML_TAG_STYLE || tag == MyHTML_TAG_NOSCRIPT ||
          tag == MyHTML_TAG_TEMPLATE || tag == MyHTML_TAG__COMMENT || is_hidden(child)) {
        continue;
      }
      if (child == h1_) {
        after_h1_ = true;
        continue;
      }
      if (author.empty()) read_author(child);
      if (date.empty()) read_date(child, tag);
      walk(child);
    }
  }
  // The date written just after the headline, when no marked element gave one.
  std::string date_after_headline() const { return find_written_date(after_h1_text_); }

  std::string author, date;

 private:
  bool done() const {
    return !author.empty() && !date.empty() &&
           (!after_h1_ || after_h1_text_.size() >= kDatelineWindowBytes);
  }
  void read_author(myhtml_tree_node_t* node) {
    std::string rel = unicode::fold(attribute(node, "rel"));
    std::string itemprop = unicode::fold(attribute(node, "itemprop"));
    std::string marks = unicode::fold(attribute(node, "class"));
    bool marked = rel == "author" || itemprop == "author" ||
                  marks.find("byline") != std::string::npos ||
                  marks.find("author") != std::string::npos;
    if (!marked) return;
    std::string text;
    if (!append_text_capped(node, kMaxBylineBytes, text)) return;
    text = visible_byline(text);
    if (!text.empty()) author = std::move(text);
  }
  void read_date(myhtml_tree_node_t* node, myhtml_tag_id_t tag) {
    bool marked = tag == MyHTML_TAG_TIME;
    if (!marked) {
      std::string marks = unicode::fold(attribute(node, "class") + " " + attribute(node, "id"));
      for (const char* mark : kDatelineMarks) {
        if (marks.find(mark) != std::string::npos) {
          marked = true;
          break;
        }
      }
    }
    if (!marked) return;
    std::string text;
    if (!append_text_capped(node, kMaxDatelineBytes, text)) return;
    date = normalise_date(text);
  }

  myhtml_tree_node_t* h1_;
  bool after_h1_ = false;
  std::string after_h1_text_;
};

// Walks the whole tree for metadata: <meta>, <link rel=canonical>, <title>, JSON-LD scripts.
void read_metadata(myhtml_tree_node_t* node, Metadata& meta, Document& document) {
  for (myhtml_tree_node_t* child = myhtml_node_child(node); child;
       child = myhtml_node_next(child)) {
    myhtml_tag_id_t tag = myhtml_node_tag_id(child);
    if (tag == MyHTML_TAG_META) {
      std::string key = unicode::fold(attribute(child, "property"));
      if (key.empty()) key = unicode::fold(attribute(child, "name"));
      std::string content = attribute(child, "content");
      if (!looks_like_url(content)) {
        // property="dc:creator og:author" names several keys: the most trusted one counts.
        std::string keys = key;
        std::replace(keys.begin(), keys.end(), ':', '.');
        keys.push_back(' ');
        for (std::size_t start = 0, end; (end = keys.find(' ', start)) != std::string::npos;
             start = end + 1) {
          std::string_view one(keys.data() + start, end - start);
          for (std::size_t rank = 0; rank < std::size(kAuthorMetaKeys); ++rank) {
            if (one == kAuthorMetaKeys[rank] && rank < meta.meta_author_rank &&
                !strip_byline_prefix(content).empty()) {
              meta.meta_author = strip_byline_prefix(content);
              meta.meta_author_rank = rank;
            }
          }
        }
      }
      if (key == "og:title" && meta.og_title.empty()) meta.og_title = content;
      if (key == "og:site_name" && meta.site.empty()) meta.site = content;
      if (key == "og:url" && meta.url.empty()) meta.url = content;
      if (meta.meta_title.empty()) {
        for (const char* title_key : kTitleMetaKeys) {
          if (key == title_key) meta.meta_title = content;
        }
      }
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

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// The date in a URL's path: "/2019/11/19/", "/2019-11-19-", or a compact "/20191119/" segment.
std::string date_in_url(std::string_view url) {
  std::string date = normalise_date(url);
  if (!date.empty()) return date;
  for (std::size_t slash = url.find('/'); slash != std::string_view::npos;
       slash = url.find('/', slash + 1)) {
    std::string_view segment = url.substr(slash + 1, 9);
    if (segment.size() == 9 && segment[8] == '/' &&
        std::all_of(segment.begin(), segment.begin() + 8,
                    [](char c) { return c >= '0' && c <= '9'; })) {
      std::string iso = std::string(segment.substr(0, 4)) + "-" +
                        std::string(segment.substr(4, 2)) + "-" + std::string(segment.substr(6, 2));
      date = normalise_date(iso);
      if (!date.empty()) return date;
    }
  }
  return {};
}

// Separators between a headline and the site's name in <title> ("Headline | Site").
constexpr const char* kTitleSeparators[] = {" | ",      " - ",  " \u2013 ", " \u2014 ",
                                            " \u00b7 ", " :: ", " \u00bb ", " // "};
// A <title> suffix of at most this many words is taken for a site name ("... - The Hill");
// the headline before it must keep at least kMinHeadlineWords. Readability's values.
constexpr std::size_t kMaxSiteSuffixWords = 4;
constexpr std::size_t kMinHeadlineWords = 3;

// "Headline | Site" -> "Headline". With `site_only`, only a suffix (or prefix) equal to the
// site's name goes; otherwise any short last part does.
std::string strip_site_name(const std::string& title, const std::string& site, bool site_only) {
  std::string folded_site = unicode::fold(unicode::collapse_white_space(site));
  for (const char* separator : kTitleSeparators) {
    std::size_t at = title.rfind(separator);
    if (at == std::string::npos || at == 0) continue;
    std::string head = title.substr(0, at);
    std::string tail = title.substr(at + std::strlen(separator));
    if (!folded_site.empty() && unicode::fold(tail) == folded_site) return head;
    std::size_t first = title.find(separator);
    if (!folded_site.empty() && unicode::fold(title.substr(0, first)) == folded_site) {
      return title.substr(first + std::strlen(separator));
    }
    if (!site_only && word_count(tail) <= kMaxSiteSuffixWords &&
        word_count(head) >= kMinHeadlineWords) {
      return head;
    }
  }
  return title;
}

// Titles in order of trust: JSON-LD headline, og:title, Dublin Core/Twitter/Parse.ly titles,
// then the visible <h1> when <title> repeats it, else <title> without its site name, else <h1>.
std::string choose_title(const Metadata& meta) {
  for (const std::string* candidate : {&meta.jsonld_title, &meta.og_title, &meta.meta_title}) {
    std::string title = unicode::collapse_white_space(*candidate);
    if (!title.empty()) return strip_site_name(title, meta.site, /*site_only=*/true);
  }
  std::string h1 = unicode::collapse_white_space(meta.h1);
  std::string title = strip_site_name(meta.title, meta.site, /*site_only=*/false);
  if (!h1.empty() &&
      (title.empty() || unicode::fold(meta.title).find(unicode::fold(h1)) != std::string::npos)) {
    return h1;
  }
  return title.empty() ? h1 : title;
}

// Real pages nest a few dozen elements deep. A page nested thousands deep is broken or hostile:
// the parser's scope checks grow quadratic with depth and the recursive walks above would run out
// of stack, so such a page is read as text without its tree.
constexpr std::size_t kMaxNestingDepth = 1000;

// Elements without an end tag, or whose end tag is often left out: they do not nest.
bool never_nests(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
      "source", "track", "wbr", "p", "li", "td", "th", "tr", "option", "dd", "dt", "!doctype"};
  for (std::string_view n : kNames) {
    if (name.size() == n.size() &&
        std::equal(name.begin(), name.end(), n.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      return true;
    }
  }
  return false;
}

// Deepest element nesting of raw HTML as its tags say (open minus close tags), by one linear scan
// without building a tree.
std::size_t estimated_nesting(std::string_view html) {
  std::size_t depth = 0, deepest = 0;
  for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    bool closing = i + 1 < html.size() && html[i + 1] == '/';
    std::size_t start = i + (closing ? 2 : 1), end = start;
    while (end < html.size() && (std::isalnum(static_cast<unsigned char>(html[end])) ||
                                 html[end] == '-' || html[end] == '!')) {
      ++end;
    }
    if (end == start || !std::isalpha(static_cast<unsigned char>(html[start]))) continue;
    std::size_t close = html.find('>', end);
    bool self_closing = close != std::string_view::npos && close > 0 && html[close - 1] == '/';
    if (never_nests(html.substr(start, end - start)) || self_closing) continue;
    if (closing) {
      if (depth > 0) --depth;
    } else {
      deepest = std::max(deepest, ++depth);
    }
  }
  return deepest;
}

// Deepest nesting of a parsed tree, walked without recursion.
std::size_t tree_depth(myhtml_tree_node_t* root) {
  std::size_t depth = 0, deepest = 0;
  myhtml_tree_node_t* node = root;
  while (node) {
    deepest = std::max(deepest, depth);
    if (myhtml_tree_node_t* child = myhtml_node_child(node)) {
      node = child;
      ++depth;
      continue;
    }
    while (node && node != root && !myhtml_node_next(node)) {
      node = myhtml_node_parent(node);
      --depth;
    }
    if (!node || node == root) break;
    node = myhtml_node_next(node);
  }
  return deepest;
}

// The text of a page read without its tree: markup dropped, common entities decoded, one line
// per run of text.
std::string text_without_tree(std::string_view html) {
  std::string raw;
  raw.reserve(html.size() / 2);
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') {
      in_tag = true;
      raw.push_back('\n');
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      raw.push_back(c);
    }
  }
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
      {"&nbsp;", " "}};
  std::string decoded;
  decoded.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    bool replaced = false;
    if (raw[i] == '&') {
      for (const auto& [entity, text] : kEntities) {
        if (raw.compare(i, entity.size(), entity) == 0) {
          decoded.append(text);
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) decoded.push_back(raw[i++]);
  }
  std::string out;
  std::size_t line_start = 0;
  while (line_start <= decoded.size()) {
    std::size_t line_end = decoded.find('\n', line_start);
    if (line_end == std::string::npos) line_end = decoded.size();
    std::string line = unicode::collapse_white_space(
        std::string_view(decoded).substr(line_start, line_end - line_start));
    if (!line.empty()) {
      if (!out.empty()) out += "\n\n";
      out += line;
    }
    line_start = line_end + 1;
  }
  return out;
}

Document flat_document(std::string id, std::string_view html, std::size_t depth) {
  Document document;
  document.id = std::move(id);
  document.text = text_without_tree(html);
  document.diagnostics.push_back(
      {"ingest", "HTML nested " + std::to_string(depth) + " elements deep (more than " +
                     std::to_string(kMaxNestingDepth) +
                     "): read as plain text, without metadata or boilerplate removal"});
  return document;
}

}  // namespace

Document document_from_html(std::string id, std::string_view html) {
  if (std::size_t depth = estimated_nesting(html); depth > kMaxNestingDepth) {
    return flat_document(std::move(id), html, depth);
  }
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
  // The parser may build a deeper tree than the tags say (misnested formatting elements).
  if (std::size_t depth = tree_depth(root); depth > kMaxNestingDepth) {
    return flat_document(std::move(document.id), html, depth);
  }
  Metadata meta;
  meta.lang = unicode::fold(attribute(root, "lang"));
  read_metadata(root, meta, document);

  myhtml_tree_node_t* body = myhtml_tree_get_node_body(tree);
  myhtml_tree_node_t* content = body ? find_first(body, MyHTML_TAG_ARTICLE) : nullptr;
  if (!content && body) content = find_first(body, MyHTML_TAG_MAIN);
  if (!content) content = body;
  myhtml_tree_node_t* h1 = nullptr;
  if (body) {
    h1 = find_first(content, MyHTML_TAG_H1);
    if (!h1) h1 = find_first(body, MyHTML_TAG_H1);
    if (h1) meta.h1 = node_text_raw(h1);
    VisibleMetadata visible(h1);
    visible.walk(body);
    meta.visible_author = std::move(visible.author);
    meta.visible_date = visible.date.empty() ? visible.date_after_headline() : visible.date;
  }
  document.title = choose_title(meta);
  if (body) {
    document.text = extract_body(body, content, /*prune_unlikely=*/true);
    // Readability's retry: when leaving out the "unlikely" blocks left too little, a wrapper
    // of the whole page was named like one ("site-sidebar-layout"): score everything.
    if (visible_chars(document.text.data(), document.text.size()) < kMinArticleChars) {
      std::string unpruned = extract_body(body, content, /*prune_unlikely=*/false);
      if (unpruned.size() > document.text.size()) document.text = std::move(unpruned);
    }
  }
  if (meta.jsonld_body.size() >= kMinJsonLdBodyChars &&
      static_cast<double>(document.text.size()) < kJsonLdBodyShare * meta.jsonld_body.size()) {
    document.text = unicode::collapse_white_space(meta.jsonld_body);
    document.diagnostics.push_back({"ingest", "body taken from the JSON-LD articleBody"});
  }
  document.url = meta.url;
  document.site = unicode::collapse_white_space(meta.site);
  // Authors in order of trust: JSON-LD, <meta>, the visible byline.
  for (const std::string* author : {&meta.jsonld_author, &meta.meta_author, &meta.visible_author}) {
    if (!author->empty()) {
      document.author = unicode::collapse_white_space(*author);
      break;
    }
  }
  // Dates in order of trust: JSON-LD, meta tags, itemprop, the first <time>, the URL's path
  // ("/2019/11/19/"), the visible dateline.
  std::string url_date = date_in_url(meta.url);
  for (const std::string* date : {&meta.jsonld_date, &meta.meta_date, &meta.itemprop_date,
                                  &meta.time_date, &url_date, &meta.visible_date}) {
    if (!date->empty()) {
      document.published = *date;
      break;
    }
  }
  // "fr-FR" -> "fr"
  document.lang = meta.lang.substr(0, meta.lang.find_first_of("-_"));
  return document;
}

Document document_from_html_bytes(std::string id, std::string_view bytes,
                                  std::string_view transport_charset) {
  Utf8Page page = page_to_utf8(bytes, transport_charset);
  Document document = document_from_html(std::move(id), page.text);
  if (page.charset != "UTF-8") {
    document.diagnostics.push_back(
        {"ingest", "page read as " + page.charset + " (" + page.evidence + ")"});
  }
  if (page.replaced > 0) {
    document.diagnostics.push_back({"ingest", std::to_string(page.replaced) + " invalid " +
                                                  page.charset + " byte(s) replaced by U+FFFD"});
  }
  return document;
}

}  // namespace vigie::ingest
