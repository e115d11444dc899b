#include "entities/ner.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <numeric>
#include <ostream>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "syntax/perceptron.h"
#include "unicode/utf8.h"

namespace vigie::entities {
namespace {

namespace detail = vigie::syntax::detail;

constexpr char kMagic[8] = {'V', 'I', 'G', 'I', 'E', 'N', 'E', 'R'};

// The model's types; GPE is learnt and predicted as LOC (the training sets have no GPE).
constexpr std::array<EntityType, 4> kModelTypes = {EntityType::kPER, EntityType::kORG,
                                                   EntityType::kLOC, EntityType::kMISC};
constexpr std::uint32_t kClassCount = 1 + 2 * kModelTypes.size();  // O, then B-X and I-X
constexpr std::uint32_t kOutside = 0;

std::uint32_t type_index(EntityType type) {
  if (type == EntityType::kGPE) type = EntityType::kLOC;
  for (std::uint32_t i = 0; i < kModelTypes.size(); ++i) {
    if (kModelTypes[i] == type) return i;
  }
  return 3;
}
bool is_begin(std::uint32_t cls) {
  return cls != kOutside && (cls - 1) % 2 == 0;
}
std::uint32_t class_type(std::uint32_t cls) {
  return (cls - 1) / 2;
}

// Averaged weights below this magnitude are dropped from the model file. Chosen on UNER EWT
// train-side dev (see models/README.md): it divides the file by ~4 for no F1 change.
constexpr float kMinAbsWeight = 0.05f;

// The word shape: upper-case letters X, lower-case x, digits d, other characters kept
// ("McCain" -> "XxXxxxx", "1990s" -> "ddddx"); the short shape collapses runs ("XxXx", "dx").
void shapes(std::string_view form, std::string& full, std::string& brief) {
  full.clear();
  brief.clear();
  for (std::size_t pos = 0; pos < form.size() && full.size() < 16;) {
    char32_t cp;
    pos += unicode::decode(form, pos, &cp);
    char c;
    if (unicode::is_digit(cp)) {
      c = 'd';
    } else if (unicode::is_letter(cp)) {
      c = unicode::is_upper(cp) ? 'X' : 'x';
    } else {
      c = cp < 0x80 ? static_cast<char>(cp) : '*';
    }
    full.push_back(c);
    if (brief.empty() || brief.back() != c) brief.push_back(c);
  }
}

// Feature templates (the numbers are hashed into every feature: never renumber, only append).
enum Template : std::uint64_t {
  kBias = 1,
  kWord,
  kWordPrev,
  kWordNext,
  kWordPrev2,
  kWordNext2,
  kShape,
  kShortShape,
  kShortShapePrev,
  kShortShapeNext,
  kPrefix,
  kSuffix,
  kFirstAndShape,
  kLabelPrev,
  kLabelPrev2,
  kLabelPrevWord,
  kLabelPrevShape,
  kWordPair,
  kWordPairNext,
  kUpperInitialPrevNext,
  kCaseLength,
  kUpos,
  kUposPrev,
  kUposNext,
  kUposShape,
  kDictionary,
  kDictionaryPrev,
  kDictionaryNext,
  kDictionaryWord,
  kLexicon,
  kLexiconPrev,
  kLexiconNext,
  kLexiconCase,
  kPlace,
  kPlaceCase,
  kPlaceNext,
};

// Word lists stored in the model (`vigie train --ner --lexicon NAME=FILE`): sets of folded word
// hashes; a token's bit i says it is in list i.
using Lexicons = std::vector<std::vector<std::uint64_t>>;  // each sorted

std::uint64_t lexicon_bits(const Lexicons& lexicons, std::uint64_t word) {
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < lexicons.size() && i < 64; ++i) {
    if (std::binary_search(lexicons[i].begin(), lexicons[i].end(), word)) bits |= 1ULL << i;
  }
  return bits;
}

// What is precomputed once per token for every feature that reads it.
struct TokenHashes {
  std::uint64_t word = 0, shape = 0, brief = 0;
  std::array<std::uint64_t, 3> prefix{};
  std::array<std::uint64_t, 4> suffix{};
  bool upper_initial = false;
  std::uint64_t length = 0;
  std::uint64_t upos = 0;
  std::uint64_t dictionary = 0;
  std::uint64_t lexicon = 0;
  std::uint64_t place = 0;
};

std::vector<TokenHashes> hash_tokens(const std::vector<NerToken>& tokens,
                                     const Lexicons& lexicons) {
  std::vector<TokenHashes> out(tokens.size());
  std::string full, brief;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const NerToken& t = tokens[i];
    TokenHashes& h = out[i];
    h.word = detail::hash_string(t.folded);
    shapes(t.form, full, brief);
    h.shape = detail::hash_string(full);
    h.brief = detail::hash_string(brief);
    h.upper_initial = !full.empty() && full[0] == 'X';
    h.length = std::min<std::size_t>(t.folded.size(), 8);
    h.upos = detail::hash_string(t.upos);
    h.dictionary = t.dictionary;
    h.lexicon = lexicon_bits(lexicons, h.word);
    h.place = t.place;
    for (std::size_t k = 0; k < h.prefix.size(); ++k) {
      h.prefix[k] = t.folded.size() > k + 1 ? detail::hash_string(t.folded.substr(0, k + 1)) : 0;
    }
    for (std::size_t k = 0; k < h.suffix.size(); ++k) {
      h.suffix[k] = t.folded.size() > k + 1
                        ? detail::hash_string(t.folded.substr(t.folded.size() - k - 1))
                        : 0;
    }
  }
  return out;
}

constexpr std::uint64_t kPad = 0x5eed;  // the word "before the first" and "after the last"

// The features of position i that do not depend on the labels.
void static_features(const std::vector<TokenHashes>& h, std::size_t i,
                     std::vector<std::uint64_t>& out) {
  out.clear();
  const std::size_t n = h.size();
  auto word = [&](std::ptrdiff_t j) {
    return j < 0 || j >= std::ptrdiff_t(n) ? kPad : h[std::size_t(j)].word;
  };
  auto brief = [&](std::ptrdiff_t j) {
    return j < 0 || j >= std::ptrdiff_t(n) ? kPad : h[std::size_t(j)].brief;
  };
  const std::ptrdiff_t p = std::ptrdiff_t(i);
  out.push_back(detail::feature(kBias, 0));
  out.push_back(detail::feature(kWord, h[i].word));
  out.push_back(detail::feature(kWordPrev, word(p - 1)));
  out.push_back(detail::feature(kWordNext, word(p + 1)));
  out.push_back(detail::feature(kWordPrev2, word(p - 2)));
  out.push_back(detail::feature(kWordNext2, word(p + 2)));
  out.push_back(detail::feature(kShape, h[i].shape));
  out.push_back(detail::feature(kShortShape, h[i].brief));
  out.push_back(detail::feature(kShortShapePrev, brief(p - 1), h[i].brief));
  out.push_back(detail::feature(kShortShapeNext, h[i].brief, brief(p + 1)));
  for (std::size_t k = 0; k < 3; ++k) {
    if (h[i].prefix[k]) out.push_back(detail::feature(kPrefix, k, h[i].prefix[k]));
  }
  for (std::size_t k = 0; k < 4; ++k) {
    if (h[i].suffix[k]) out.push_back(detail::feature(kSuffix, k, h[i].suffix[k]));
  }
  out.push_back(detail::feature(kFirstAndShape, i == 0, h[i].brief));
  out.push_back(detail::feature(kWordPair, word(p - 1), h[i].word));
  out.push_back(detail::feature(kWordPairNext, h[i].word, word(p + 1)));
  auto upper = [&](std::ptrdiff_t j) {
    return j < 0 || j >= std::ptrdiff_t(n) ? 2 : int(h[std::size_t(j)].upper_initial);
  };
  out.push_back(detail::feature(kUpperInitialPrevNext, upper(p - 1), upper(p), upper(p + 1)));
  out.push_back(detail::feature(kCaseLength, h[i].upper_initial, h[i].length));
  auto upos = [&](std::ptrdiff_t j) {
    return j < 0 || j >= std::ptrdiff_t(n) ? kPad : h[std::size_t(j)].upos;
  };
  auto dictionary = [&](std::ptrdiff_t j) {
    return j < 0 || j >= std::ptrdiff_t(n) ? kPad : h[std::size_t(j)].dictionary;
  };
  out.push_back(detail::feature(kUpos, h[i].upos));
  out.push_back(detail::feature(kUposPrev, upos(p - 1), h[i].upos));
  out.push_back(detail::feature(kUposNext, h[i].upos, upos(p + 1)));
  out.push_back(detail::feature(kUposShape, h[i].upos, h[i].brief));
  out.push_back(detail::feature(kDictionary, h[i].dictionary));
  out.push_back(detail::feature(kDictionaryPrev, dictionary(p - 1), h[i].dictionary));
  out.push_back(detail::feature(kDictionaryNext, h[i].dictionary, dictionary(p + 1)));
  out.push_back(detail::feature(kDictionaryWord, h[i].dictionary, h[i].upper_initial));
  auto lexicon = [&](std::ptrdiff_t j) {
    return j < 0 || j >= std::ptrdiff_t(n) ? kPad : h[std::size_t(j)].lexicon;
  };
  out.push_back(detail::feature(kLexicon, h[i].lexicon));
  out.push_back(detail::feature(kLexiconPrev, lexicon(p - 1), h[i].lexicon));
  out.push_back(detail::feature(kLexiconNext, h[i].lexicon, lexicon(p + 1)));
  out.push_back(detail::feature(kLexiconCase, h[i].lexicon, h[i].upper_initial, upper(p + 1)));
  if (h[i].place) {
    out.push_back(detail::feature(kPlace, h[i].place));
    out.push_back(detail::feature(kPlaceCase, h[i].place, h[i].upper_initial, i == 0));
    out.push_back(detail::feature(kPlaceNext, h[i].place, word(p + 1)));
  }
}

// Appends the features that read the previous labels.
void label_features(const std::vector<TokenHashes>& h, std::size_t i, std::uint32_t prev,
                    std::uint32_t prev2, std::vector<std::uint64_t>& out) {
  out.push_back(detail::feature(kLabelPrev, prev));
  out.push_back(detail::feature(kLabelPrev2, prev, prev2));
  out.push_back(detail::feature(kLabelPrevWord, prev, h[i].word));
  out.push_back(detail::feature(kLabelPrevShape, prev, h[i].brief));
}

// The best class allowed after `prev` (an I-X only continues B-X or I-X) among `allowed` (bit c:
// class c; a type the training data never had stays out: its weights only ever went down, and
// an unseen feature set would otherwise let it win against a negative O).
std::uint32_t best_class(const float* scores, std::uint32_t prev, std::uint32_t allowed) {
  std::uint32_t best = kOutside;
  for (std::uint32_t c = 1; c < kClassCount; ++c) {
    if (!(allowed & (1u << c))) continue;
    if (!is_begin(c) && (prev == kOutside || class_type(prev) != class_type(c))) continue;
    if (scores[c] > scores[best]) best = c;
  }
  return best;
}

std::vector<NerSpan> spans_of_classes(const std::vector<std::uint32_t>& classes) {
  std::vector<NerSpan> spans;
  for (std::uint32_t i = 0; i < classes.size(); ++i) {
    std::uint32_t c = classes[i];
    if (c == kOutside) continue;
    if (is_begin(c) || spans.empty() || spans.back().end != i) {
      spans.push_back({i, i + 1, kModelTypes[class_type(c)]});
    } else {
      spans.back().end = i + 1;
    }
  }
  return spans;
}

std::vector<std::uint32_t> classes_of_spans(const std::vector<NerSpan>& spans, std::size_t n) {
  std::vector<std::uint32_t> classes(n, kOutside);
  for (const NerSpan& span : spans) {
    std::uint32_t type = type_index(span.type);
    for (std::uint32_t t = span.begin; t < span.end && t < n; ++t) {
      classes[t] = t == span.begin ? 1 + 2 * type : 2 + 2 * type;
    }
  }
  return classes;
}

// Greedy decoding with any scorer (the trainable or the final weights).
template <typename Weights>
std::vector<std::uint32_t> decode(const Weights& weights, const std::vector<TokenHashes>& h,
                                  std::uint32_t allowed) {
  std::vector<std::uint32_t> classes(h.size(), kOutside);
  std::vector<std::uint64_t> features;
  features.reserve(40);
  std::uint32_t prev = kOutside, prev2 = kOutside;
  for (std::size_t i = 0; i < h.size(); ++i) {
    static_features(h, i, features);
    label_features(h, i, prev, prev2, features);
    float scores[kClassCount] = {};
    weights.score(features.data(), features.size(), scores);
    classes[i] = best_class(scores, prev, allowed);
    prev2 = prev;
    prev = classes[i];
  }
  return classes;
}

}  // namespace

struct NerModel::Parts {
  std::string header;
  std::vector<std::string> lexicon_names;
  Lexicons lexicons;
  std::uint32_t allowed_classes = 0;  // bit c: class c was in the training data
  std::string lang;
  detail::SparseWeights weights;
};

NerModel::NerModel() : parts_(std::make_unique<Parts>()) {}
NerModel::NerModel(NerModel&&) noexcept = default;
NerModel& NerModel::operator=(NerModel&&) noexcept = default;
NerModel::~NerModel() = default;

const std::string& NerModel::lang() const {
  return parts_->lang;
}
const std::string& NerModel::header() const {
  return parts_->header;
}

bool NerModel::in_word_list(std::string_view list, std::string_view folded) const {
  for (std::size_t i = 0; i < parts_->lexicon_names.size(); ++i) {
    if (parts_->lexicon_names[i] == list) {
      return std::binary_search(parts_->lexicons[i].begin(), parts_->lexicons[i].end(),
                                detail::hash_string(folded));
    }
  }
  return false;
}

std::vector<NerSpan> NerModel::label(const std::vector<NerToken>& tokens) const {
  if (tokens.empty()) return {};
  return spans_of_classes(
      decode(parts_->weights, hash_tokens(tokens, parts_->lexicons), parts_->allowed_classes));
}

Expected<NerModel> NerModel::train(const NerDocument& train, const NerDocument* dev,
                                   const NerTrainOptions& options) {
  if (train.document.sentences.empty()) return Error{"vigie train --ner", "no training sentences"};
  NerModel model;
  for (const auto& [name, words] : options.lexicons) {
    std::vector<std::uint64_t> set;
    for (const std::string& word : words) set.push_back(detail::hash_string(unicode::fold(word)));
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    model.parts_->lexicon_names.push_back(name);
    model.parts_->lexicons.push_back(std::move(set));
  }
  std::vector<std::vector<TokenHashes>> hashes;
  std::vector<std::vector<std::uint32_t>> gold;
  const auto train_tokens = ner_tokens(train.document, train.place_marks);
  for (std::size_t s = 0; s < train_tokens.size(); ++s) {
    hashes.push_back(hash_tokens(train_tokens[s], model.parts_->lexicons));
    gold.push_back(classes_of_spans(train.gold[s], train_tokens[s].size()));
    for (std::uint32_t c : gold.back()) model.parts_->allowed_classes |= 1u << c;
  }
  std::vector<std::vector<NerToken>> dev_tokens;
  if (dev) dev_tokens = ner_tokens(dev->document, dev->place_marks);
  detail::TrainablePerceptron perceptron(kClassCount);
  std::vector<std::size_t> order(hashes.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 random(20261124);  // fixed: the same data gives the same model
  std::vector<std::uint64_t> features;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), random);
    std::size_t tokens = 0, errors = 0;
    for (std::size_t index : order) {
      const auto& h = hashes[index];
      std::uint32_t prev = kOutside, prev2 = kOutside;
      for (std::size_t i = 0; i < h.size(); ++i) {
        static_features(h, i, features);
        label_features(h, i, prev, prev2, features);
        float scores[kClassCount] = {};
        perceptron.score(features.data(), features.size(), scores);
        std::uint32_t guess = best_class(scores, prev, model.parts_->allowed_classes);
        std::uint32_t truth = gold[index][i];
        perceptron.tick();
        if (guess != truth) {
          perceptron.update(features.data(), features.size(), truth, 1.0f);
          perceptron.update(features.data(), features.size(), guess, -1.0f);
          ++errors;
        }
        ++tokens;
        prev2 = prev;
        prev = guess;  // the history the decoder will see
      }
    }
    if (options.log) {
      *options.log << "ner epoch " << epoch << ": train token errors "
                   << 100.0 * double(errors) / double(std::max<std::size_t>(tokens, 1)) << "%";
      if (dev && (epoch == options.epochs || epoch % 2 == 0)) {
        model.parts_->weights = perceptron.average(kMinAbsWeight);
        std::vector<std::vector<NerSpan>> system;
        for (const auto& sentence : dev_tokens) system.push_back(model.label(sentence));
        NerScore score = score_ner(dev->gold, system);
        *options.log << ", dev P " << score.overall.precision() << " R " << score.overall.recall()
                     << " F1 " << score.overall.f1();
      }
      *options.log << "\n";
    }
  }
  model.parts_->weights = perceptron.average(kMinAbsWeight);
  model.parts_->lang = options.lang;
  model.parts_->header =
      "Vigie named-entity model (greedy BIO averaged perceptron, PER ORG LOC "
      "MISC)\nlanguage: " +
      options.lang + "\ntrained with: " + options.command + "\ndata: " + options.data +
      "\nepochs: " + std::to_string(options.epochs) + "\n";
  for (std::size_t i = 0; i < options.lexicons.size(); ++i) {
    model.parts_->header += "word list: " + options.lexicons[i].first + " (" +
                            std::to_string(model.parts_->lexicons[i].size()) + " words)\n";
  }
  return model;
}

Expected<bool> NerModel::save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Error{path, "cannot write model file"};
  out.write(kMagic, sizeof kMagic);
  detail::write_pod(out, kNerModelFormatVersion);
  detail::write_string(out, parts_->header);
  detail::write_string(out, parts_->lang);
  detail::write_pod(out, parts_->allowed_classes);
  detail::write_strings(out, parts_->lexicon_names);
  for (const auto& lexicon : parts_->lexicons) detail::write_vector(out, lexicon);
  parts_->weights.write(out);
  out.write(kMagic, sizeof kMagic);  // end marker: a truncated file fails to load
  if (!out) return Error{path, "write failed"};
  return true;
}

Expected<NerModel> NerModel::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, "cannot open model file"};
  char magic[8];
  if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
    return Error{path, "not a Vigie named-entity model (bad magic number)"};
  }
  std::uint32_t version = 0;
  if (!detail::read_pod(in, version) || version != kNerModelFormatVersion) {
    return Error{path, "model format version " + std::to_string(version) + ", this Vigie reads " +
                           std::to_string(kNerModelFormatVersion) + " (retrain: make models)"};
  }
  NerModel model;
  if (!detail::read_string(in, model.parts_->header) ||
      !detail::read_string(in, model.parts_->lang) ||
      !detail::read_pod(in, model.parts_->allowed_classes) ||
      !detail::read_strings(in, model.parts_->lexicon_names)) {
    return Error{path, "corrupt or truncated named-entity model"};
  }
  model.parts_->lexicons.resize(model.parts_->lexicon_names.size());
  for (auto& lexicon : model.parts_->lexicons) {
    if (!detail::read_vector(in, lexicon, 1u << 24) ||
        !std::is_sorted(lexicon.begin(), lexicon.end())) {
      return Error{path, "corrupt or truncated named-entity model"};
    }
  }
  if (!model.parts_->weights.read(in) || model.parts_->weights.class_count() != kClassCount ||
      !in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
    return Error{path, "corrupt or truncated named-entity model"};
  }
  return model;
}

std::string default_ner_model_path(const std::string& data_dir, const std::string& lang) {
  std::string dir = data_dir;
  while (!dir.empty() && dir.back() == '/') dir.pop_back();
  std::size_t slash = dir.rfind('/');
  std::string parent = slash == std::string::npos ? "." : dir.substr(0, slash);
  return parent + "/models/ner." + lang + ".bin";
}

std::vector<std::vector<NerToken>> ner_tokens(const Document& document,
                                              const std::vector<std::uint8_t>& place_marks) {
  std::vector<std::vector<NerToken>> out(document.sentences.size());
  std::size_t e = 0;  // document.entities are in text order, title first, as the sentences
  for (std::size_t s = 0; s < document.sentences.size(); ++s) {
    const Sentence& sentence = document.sentences[s];
    std::vector<NerToken>& tokens = out[s];
    tokens.reserve(sentence.token_count);
    for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count;
         ++t) {
      const Token& token = document.tokens[t];
      tokens.push_back({document.token_text(token, sentence.field), token.folded, token.upos, 0,
                        t < place_marks.size() ? place_marks[t] : std::uint8_t(0)});
    }
    while (e < document.entities.size() && (document.entities[e].field != sentence.field ||
                                            document.entities[e].span.begin < sentence.span.end)) {
      const Entity& entity = document.entities[e];
      if (entity.field != sentence.field) {
        if (sentence.field == Field::kTitle) break;  // body entities come after the title
        ++e;
        continue;
      }
      bool first = true;
      for (std::uint32_t i = 0; i < tokens.size(); ++i) {
        const Span& span = document.tokens[sentence.first_token + i].span;
        if (span.begin >= entity.span.begin && span.end <= entity.span.end) {
          tokens[i].dictionary = static_cast<std::uint8_t>(1 + int(entity.type) + (first ? 0 : 8));
          first = false;
        }
      }
      ++e;
    }
  }
  return out;
}

// A run of capitalised words that ends on a word heading organisation names (the model's
// `organization-words` list: "University", "Party", "Council", "Bank", "United") names an
// organisation ("Ohio State University", "Leeds United"): the uncoded entities inside it give way
// to one ORG entity; a word of the list alone becomes ORG only where an entity stood. The first
// word of a sentence starts the run only when tagged PROPN. Measured 2026-11-24 (overall F1, ORG
// F1): UNER EWT test 0.606 -> 0.612 (ORG 0.389 -> 0.407), WikiGold 0.472 -> 0.490 (ORG 0.213 ->
// 0.293). French puts that word first: "Parti socialiste", "Banque mondiale", "Conseil de
// sécurité", "Université de Montréal" (the head, then adjectives and "de" + a name or noun):
// WikiNEuRal fr val 0.602 -> 0.606 (ORG 0.161 -> 0.205).
namespace {
// An uncoded entity of `type` over document tokens [first, last] of a sentence of `field`.
Entity entity_over(const Document& document, Field field, std::uint32_t first, std::uint32_t last,
                   EntityType type) {
  Entity entity;
  entity.field = field;
  entity.span = {document.tokens[first].span.begin, document.tokens[last].span.end};
  entity.text = std::string(document.slice(field, entity.span));
  entity.type = type;
  return entity;
}

bool overlaps(const Entity& a, const Entity& b) {
  return a.field == b.field && a.span.begin < b.span.end && b.span.begin < a.span.end;
}

void name_organisations(const Document& document, const NerModel& model,
                        std::vector<Entity>& entities) {
  const bool french = document.lang == "fr";
  for (const Sentence& sentence : document.sentences) {
    const std::uint32_t first = sentence.first_token, end = first + sentence.token_count;
    for (std::uint32_t t = french ? first : first + 1; t < end; ++t) {
      const Token& head = document.tokens[t];
      if (!head.capitalized || head.kind != TokenKind::kWord) continue;
      // French names sports clubs by a plural and their town: "Canadiens de Montréal",
      // "Braves d'Atlanta", "Rockies du Colorado" (not the first word of a sentence): WikiNEuRal
      // fr val 0.612 -> 0.631 (ORG 0.224 -> 0.371).
      auto team = [&] {
        if (!french || t == first || t + 2 >= end || !head.folded.ends_with("s")) return false;
        const std::string& de = document.tokens[t + 1].folded;
        return (de == "de" || de == "du" || de == "d'" || de == "des") &&
               document.tokens[t + 2].capitalized;
      };
      if (!model.in_word_list("organization-words", head.folded) && !team()) continue;
      std::uint32_t begin = t, last = t + 1;
      if (french) {
        // "Parti socialiste", "Banque mondiale", "Conseil de sécurité", "Université de
        // Montréal": the head word first, then adjectives and "de X".
        while (last < end) {
          const Token& w = document.tokens[last];
          if (w.kind == TokenKind::kWord && !w.capitalized && w.upos == "ADJ") {
            ++last;
            continue;
          }
          const bool de =
              w.folded == "de" || w.folded == "du" || w.folded == "des" || w.folded == "d'";
          std::uint32_t after = last + 1;
          if (de && after < end &&
              (document.tokens[after].folded == "la" || document.tokens[after].folded == "l'"))
            ++after;
          if (de && after < end &&
              (document.tokens[after].capitalized || document.tokens[after].upos == "NOUN")) {
            last = after + 1;
            while (last < end && document.tokens[last].capitalized &&
                   document.tokens[last].kind == TokenKind::kWord)
              ++last;
            continue;
          }
          break;
        }
        if (last == t + 1) continue;
      } else {
        while (begin > first && document.tokens[begin - 1].capitalized &&
               document.tokens[begin - 1].kind == TokenKind::kWord) {
          --begin;
        }
        if (begin == first && begin < t && document.tokens[begin].upos != "PROPN") ++begin;
      }
      Entity organisation =
          entity_over(document, sentence.field, begin, last - 1, EntityType::kORG);
      // Uncoded entities inside the run give way to it; a coded one (the dictionaries') or one
      // reaching outside it stays, and the run is not added. The word alone replaces an entity
      // only.
      bool keep_others = false, any_inside = false;
      for (const Entity& e : entities) {
        if (!overlaps(e, organisation)) continue;
        any_inside = true;
        keep_others = keep_others || !e.code.empty() || e.span.begin < organisation.span.begin ||
                      organisation.span.end < e.span.end;
      }
      if (keep_others || (last - begin == 1 && !any_inside)) continue;
      std::erase_if(entities, [&](const Entity& e) {
        return e.field == organisation.field && organisation.span.begin <= e.span.begin &&
               e.span.end <= organisation.span.end;
      });
      entities.push_back(std::move(organisation));
    }
  }
}

// One entity of the document located in its tokens.
struct Mention {
  std::size_t entity = 0;            // index into the entity list
  std::uint32_t sentence = 0;        // index into document.sentences
  std::uint32_t begin = 0, end = 0;  // document token indices [begin, end)
};

// The entities' sentences and tokens; `entities` are in text order (title first, as the
// sentences). An entity that no sentence holds (none in practice) is left out.
std::vector<Mention> locate_mentions(const Document& document,
                                     const std::vector<Entity>& entities) {
  std::vector<Mention> mentions;
  std::uint32_t s = 0;
  for (std::size_t i = 0; i < entities.size(); ++i) {
    const Entity& e = entities[i];
    auto before = [&](const Sentence& sentence) {
      if (sentence.field != e.field) return sentence.field == Field::kTitle;
      return sentence.span.end <= e.span.begin;
    };
    while (s < document.sentences.size() && before(document.sentences[s])) ++s;
    if (s == document.sentences.size()) break;
    const Sentence& sentence = document.sentences[s];
    if (sentence.field != e.field) continue;
    const std::uint32_t first = sentence.first_token, last = first + sentence.token_count;
    std::uint32_t begin = last, end = first;
    for (std::uint32_t t = first; t < last; ++t) {
      const Span& span = document.tokens[t].span;
      if (begin == last && span.end > e.span.begin) begin = t;
      if (span.begin < e.span.end) end = t + 1;
    }
    if (begin < end) mentions.push_back({i, s, begin, end});
  }
  return mentions;
}

// The type a vote counts for: GPE (the dictionaries' countries) is a LOC.
std::size_t vote_index(EntityType type) {
  return std::size_t(type == EntityType::kGPE ? EntityType::kLOC : type);
}

// One article names the same thing many times; a statistical tagger labels each mention alone
// and often types them differently ("Bin Laden" PER once, LOC three times). Within each article
// (a range of sentences starting at an `article_starts` entry; empty: the whole document):
//   - an uncoded entity takes the type most mentions of the same surface string have (strictly
//     more votes than its own type; coded entities vote but keep their type, which their code
//     backs);
//   - an untagged exact repeat of a name whose mentions agree on one type by a strict majority
//     becomes an entity of that type ("Google" tagged once, missed the next times);
//   - the first or last word of a person's name of two words or more, capitalised, untagged and
//     alone elsewhere in the article ("Barack Obama" ... "Obama"), is that person, unless the
//     gazetteer names a place with it (the model, which read that, left it out: "Nil" in a
//     title after a "Nil Bleu" the model took for a person).
// Measured on held-out UNER dev (model trained on sentences 1-1,600, scored on 1,601-2,001 /
// trained on 402-2,001, scored on 1-401; overall F1): none 0.522 / 0.498; the votes and the
// repeats of names of two words or more 0.529 / 0.504; the repeats of one-word names too
// 0.533 / 0.517; the parts of person names too 0.543 / 0.517 (WikiNEuRal fr val, whose sentences
// are documents of their own: 0.613 -> 0.612). Votes count mentions rather than sum the model's
// confidence: the dictionaries' entities vote too, and have none.
void make_labels_consistent(const Document& document,
                            const std::vector<std::uint32_t>& article_starts,
                            const std::vector<std::uint8_t>& place_marks,
                            std::vector<Entity>& entities) {
  const std::vector<Mention> mentions = locate_mentions(document, entities);
  auto article_of = [&](std::uint32_t sentence) -> std::uint32_t {
    auto it = std::upper_bound(article_starts.begin(), article_starts.end(), sentence);
    return it == article_starts.begin() ? 0 : std::uint32_t(it - article_starts.begin() - 1);
  };
  std::vector<bool> covered(document.tokens.size(), false);
  for (const Mention& m : mentions) {
    for (std::uint32_t t = m.begin; t < m.end; ++t) covered[t] = true;
  }
  std::vector<Entity> repeats;
  for (std::size_t m = 0; m < mentions.size();) {
    const std::uint32_t article = article_of(mentions[m].sentence);
    std::size_t article_end = m;
    while (article_end < mentions.size() && article_of(mentions[article_end].sentence) == article)
      ++article_end;
    std::unordered_map<std::string_view, std::array<std::uint32_t, 5>> votes;
    for (std::size_t i = m; i < article_end; ++i) {
      const Entity& e = entities[mentions[i].entity];
      ++votes[e.text][vote_index(e.type)];
    }
    auto winner = [&](std::string_view text) {
      const auto& v = votes[text];
      return std::size_t(std::max_element(v.begin(), v.end()) - v.begin());
    };
    // Repeated names (one mention of each), by the text of their first token.
    std::unordered_multimap<std::string_view, const Mention*> names;
    std::unordered_set<std::string_view> named;
    for (std::size_t i = m; i < article_end; ++i) {
      const Mention& mention = mentions[i];
      Entity& e = entities[mention.entity];
      const auto& v = votes[e.text];
      const std::size_t best = winner(e.text);
      if (e.code.empty() && v[best] > v[vote_index(e.type)]) e.type = EntityType(best);
      const std::uint32_t total = std::accumulate(v.begin(), v.end(), 0u);
      if (2 * v[best] > total && named.insert(e.text).second) {
        const Sentence& sentence = document.sentences[mention.sentence];
        names.emplace(document.token_text(document.tokens[mention.begin], sentence.field),
                      &mention);
      }
    }
    // The first and last words of the article's multi-word person names (after the votes).
    std::unordered_set<std::string_view> person_parts;
    for (std::size_t i = m; i < article_end; ++i) {
      const Mention& mention = mentions[i];
      if (entities[mention.entity].type != EntityType::kPER || mention.end - mention.begin < 2)
        continue;
      const Field field = document.sentences[mention.sentence].field;
      person_parts.insert(document.token_text(document.tokens[mention.begin], field));
      person_parts.insert(document.token_text(document.tokens[mention.end - 1], field));
    }
    if (!names.empty() || !person_parts.empty()) {
      const std::uint32_t first_sentence = article_starts.empty() ? 0 : article_starts[article];
      const std::uint32_t end_sentence = article + 1 < article_starts.size()
                                             ? article_starts[article + 1]
                                             : std::uint32_t(document.sentences.size());
      for (std::uint32_t s = first_sentence; s < end_sentence; ++s) {
        const Sentence& sentence = document.sentences[s];
        const std::uint32_t last = sentence.first_token + sentence.token_count;
        auto text = [&](std::uint32_t t) {
          return document.token_text(document.tokens[t], sentence.field);
        };
        for (std::uint32_t t = sentence.first_token; t < last; ++t) {
          if (covered[t]) continue;
          const Token& token = document.tokens[t];
          const bool place = t < place_marks.size() && place_marks[t] != 0;
          if (token.kind == TokenKind::kWord && token.capitalized && !place &&
              person_parts.count(text(t))) {
            covered[t] = true;
            repeats.push_back(entity_over(document, sentence.field, t, t, EntityType::kPER));
            continue;
          }
          auto [from, to] = names.equal_range(text(t));
          for (auto it = from; it != to; ++it) {
            const Mention& name = *it->second;
            const Sentence& name_sentence = document.sentences[name.sentence];
            const std::uint32_t length = name.end - name.begin;
            bool match = t + length <= last;
            for (std::uint32_t k = 0; match && k < length; ++k) {
              match = !covered[t + k] &&
                      text(t + k) ==
                          document.token_text(document.tokens[name.begin + k], name_sentence.field);
            }
            if (!match) continue;
            for (std::uint32_t k = 0; k < length; ++k) covered[t + k] = true;
            repeats.push_back(entity_over(document, sentence.field, t, t + length - 1,
                                          EntityType(winner(entities[name.entity].text))));
            break;
          }
        }
      }
    }
    m = article_end;
  }
  for (Entity& e : repeats) entities.push_back(std::move(e));
}

// An actor mention the dictionaries composed of a name and lower-case role words ("US troops"
// USAMIL, "U.S. citizens" USACVL, "Hamas leaders") is an entity of the name only: named-entity
// sets mark "US" (a place), not the troops. A named actor's entity keeps the mention's code;
// a country's takes the country's (the actor, in document.actors, keeps the whole mention). A
// country's part becomes GPE when the gazetteer names a place with its first word, else it is a
// demonym (MISC: "American citizens"). Only mentions that start with a capitalised word, and in
// English: French puts the role words first
// ("le Premier ministre éthiopien") and its names go on in lower case ("Union africaine").
// The model's entities over the rest of the mention still give way to it ("defence" in "Japan's
// defence ministry").
// Measured on held-out UNER dev (see make_labels_consistent()): 0.543 / 0.517 -> 0.576 / 0.517
// ("US troops", "U.S. citizens", "US army" now right; "American citizens" no longer a wrong ORG).
void keep_names_of_actor_mentions(const Document& document,
                                  const std::vector<std::uint8_t>& place_marks,
                                  std::vector<Entity>& entities) {
  if (document.lang != "en") return;
  std::vector<bool> in_country_actor(document.tokens.size(), false);
  for (const Actor& actor : document.actors) {
    if (!actor.rule.starts_with("countries.yaml")) continue;
    for (std::uint32_t t = actor.token_begin; t < actor.token_end && t < in_country_actor.size();
         ++t) {
      in_country_actor[t] = true;
    }
  }
  for (const Mention& m : locate_mentions(document, entities)) {
    Entity& e = entities[m.entity];
    if (e.code.empty() || m.end - m.begin < 2 || !document.tokens[m.begin].capitalized) continue;
    std::uint32_t end = m.end;
    while (end > m.begin && document.tokens[end - 1].kind == TokenKind::kWord &&
           !document.tokens[end - 1].capitalized) {
      --end;
    }
    const bool country = in_country_actor[m.begin];
    if (end == m.end || end == m.begin) continue;
    if (country) {
      // The country's own words: the gazetteer's place name over the first word ("U.S."), else
      // the first word, a demonym ("Iranian Government officials").
      auto mark = [&](std::uint32_t t) { return t < place_marks.size() ? place_marks[t] : 0; };
      const bool place = mark(m.begin) == 1;
      end = m.begin + 1;
      while (place && end < m.end && mark(end) == 2) ++end;
      e.type = place ? EntityType::kGPE : EntityType::kMISC;
      // ... coded as the country it names ("Pakistan's foreign ministry": the actor is PAKGOV,
      // the entity "Pakistan" is PAK, as every other mention of the country).
      e.code = e.code.substr(0, 3);
    }
    e.span.end = document.tokens[end - 1].span.end;
    e.text = std::string(document.slice(e.field, e.span));
  }
}
}  // namespace

void add_model_entities(Document& document, const NerModel& model, EntitySource source,
                        const std::vector<std::uint8_t>& place_marks,
                        const std::vector<std::uint32_t>& article_starts) {
  if (source == EntitySource::kDictionary) return;
  const auto all_tokens = ner_tokens(document, place_marks);
  std::vector<Entity> dictionary = std::move(document.entities);
  document.entities.clear();
  std::vector<Entity> added;
  for (std::size_t s = 0; s < document.sentences.size(); ++s) {
    const Sentence& sentence = document.sentences[s];
    for (NerSpan span : model.label(all_tokens[s])) {
      // Elided articles and punctuation at the edges are not part of a name ("L'" + "Ouest"):
      // the OCR training text glues them to names that our tokenizer splits.
      auto edge = [&](std::uint32_t i) {
        const Token& token = document.tokens[sentence.first_token + i];
        return token.kind == TokenKind::kPunctuation || token.kind == TokenKind::kQuote ||
               (!token.folded.empty() && token.folded.back() == '\'');
      };
      while (span.begin < span.end && edge(span.begin)) ++span.begin;
      while (span.end > span.begin && edge(span.end - 1)) --span.end;
      if (span.begin == span.end) continue;
      // A month or day name alone is a date, whatever the gazetteer says ("August" is a town):
      // the model's `calendar` word list, when it has one.
      if (span.end - span.begin == 1 &&
          model.in_word_list("calendar", all_tokens[s][span.begin].folded)) {
        continue;
      }
      // French names are capitalised and more than function words: the model's "club", "de",
      // "La" alone are none (WikiNEuRal fr val 0.609 -> 0.612). English keeps them: web text
      // writes names in lower case ("tmobile"; held-out UNER dev 0.576 / 0.517 -> 0.580 / 0.495).
      if (document.lang == "fr") {
        bool capitalised = false, content = false;
        for (std::uint32_t i = span.begin; i < span.end; ++i) {
          const Token& token = document.tokens[sentence.first_token + i];
          capitalised = capitalised || token.capitalized;
          const std::string& u = token.upos;
          content = content || !(u == "DET" || u == "ADP" || u == "CCONJ" || u == "SCONJ" ||
                                 u == "PRON" || u == "PUNCT");
        }
        if (!capitalised || !content) continue;
      }
      added.push_back(entity_over(document, sentence.field, sentence.first_token + span.begin,
                                  sentence.first_token + span.end - 1, span.type));
    }
  }
  if (source == EntitySource::kModel) {
    document.entities = std::move(added);
    return;
  }
  // A demonym in lower case is an adjective ("l'armée afghane", "les ressortissants français"),
  // not a name: named-entity sets do not mark it, and its actor is coded all the same
  // (document.actors). Measured on WikiNEuRal fr val: 1,000 of the 1,667 system MISC entities
  // were lower-case demonyms, all wrong (overall F1 +0.012). Lower-case descriptions that code an
  // actor ("ministre égyptien" EGYGOV) stay: they carry the code.
  std::vector<Entity> merged;
  for (const Entity& entity : dictionary) {
    char32_t first = 0;
    if (!entity.text.empty()) unicode::decode(entity.text, 0, &first);
    if (entity.type != EntityType::kMISC || unicode::is_upper(first)) merged.push_back(entity);
  }
  dictionary = merged;  // whole mentions: the model's entities over them give way
  keep_names_of_actor_mentions(document, place_marks, merged);
  // Tried and measured on WikiNEuRal fr val (overall F1 0.578 then, before the gazetteer
  // feature; 0.602 with it): proper-noun runs of
  // the parse left untyped added as MISC, 0.555 (MISC F1 0.014 -> 0.147, but 3,000 false MISC);
  // a model entity that strictly contains a dictionary one replacing it, 0.578 (UNER dev split
  // 0.477 -> 0.476). Neither is done.
  for (Entity& entity : added) {
    if (std::none_of(dictionary.begin(), dictionary.end(),
                     [&](const Entity& d) { return overlaps(d, entity); })) {
      merged.push_back(std::move(entity));
    }
  }
  name_organisations(document, model, merged);
  auto in_text_order = [&] {
    std::stable_sort(merged.begin(), merged.end(), [](const Entity& a, const Entity& b) {
      if (a.field != b.field) return a.field == Field::kTitle;
      return a.span.begin < b.span.begin;
    });
  };
  in_text_order();
  make_labels_consistent(document, article_starts, place_marks, merged);
  in_text_order();
  document.entities = std::move(merged);
}

}  // namespace vigie::entities
