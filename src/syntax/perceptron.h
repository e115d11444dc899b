// Internal to src/syntax: the averaged perceptron shared by the tagger and the parser, and the
// binary reader/writer of model files. Not part of the public API (see syntax.h).
//
// Features are 64-bit hashes built from integer parts (a template number and ids), so that
// extracting them allocates nothing. Weights are sparse per feature: a feature stores only the
// classes it was ever updated for, which keeps models with hundreds of classes small.
#pragma once

#include <cstdint>
#include <cstring>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigie::syntax::detail {

// splitmix64 finaliser: a cheap, well-mixed hash step.
inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
inline std::uint64_t feature(std::uint64_t templ, std::uint64_t a, std::uint64_t b = 0,
                             std::uint64_t c = 0) {
  return mix(mix(mix(templ * 0x100000001b3ULL ^ a) ^ b) ^ c);
}
inline std::uint64_t hash_string(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char ch : s) h = (h ^ ch) * 0x100000001b3ULL;
  return h == 0 ? 1 : h;
}

// How SparseWeights are stored in a file. kFull: 64-bit keys and 32-bit row offsets (the NER
// models, syntax models of format 1). kCompact: keys cut to their low 48 bits and 16-bit row
// lengths, 4 bytes less per feature (a sixth of the English syntax model); among the ~1.3
// million keys of a model the chance that two share their low 48 bits is ~0.3%, and a feature
// absent from the model meets a stored key with odds of ~5e-9 per look-up.
enum class WeightsLayout { kFull, kCompact };

// The read-only model used at run time: an open-addressing table from feature hash to a run of
// (class, weight) entries.
class SparseWeights {
 public:
  std::uint32_t class_count() const { return class_count_; }

  // Adds the weights of `features` to scores[0..class_count).
  void score(const std::uint64_t* features, std::size_t n, float* scores) const {
    // Issue every slot's memory read first so that the cache misses overlap.
    for (std::size_t i = 0; i < n; ++i) __builtin_prefetch(&slots_[features[i] & mask_]);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t key = features[i] & key_mask_;
      std::size_t slot = key & mask_;
      while (true) {
        const Slot& s = slots_[slot];
        if (s.begin == kEmpty) break;
        if (s.key == key) {
          for (const Entry *e = &entries_[s.begin], *end = &entries_[0] + s.end; e < end; ++e) {
            scores[e->cls] += e->weight;
          }
          break;
        }
        slot = (slot + 1) & mask_;
      }
    }
  }

  std::size_t entry_count() const { return classes_.size(); }
  std::size_t row_count() const { return keys_.size(); }

  void write(std::ostream& out, WeightsLayout layout = WeightsLayout::kFull) const;
  bool read(std::istream& in, WeightsLayout layout = WeightsLayout::kFull);

  // Builds from rows: keys[r] with entries [row_begin[r], row_begin[r+1]).
  void assign(std::uint32_t class_count, std::vector<std::uint64_t> keys,
              std::vector<std::uint32_t> row_begin, std::vector<std::uint16_t> classes,
              std::vector<float> weights);

 private:
  void build_index();
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  static constexpr std::uint64_t kCompactKeyMask = (std::uint64_t{1} << 48) - 1;
  std::uint32_t class_count_ = 0;
  std::uint64_t key_mask_ = ~std::uint64_t{0};  // the bits of a feature hash that keys keep
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> row_begin_;
  std::vector<std::uint16_t> classes_;
  std::vector<float> weights_;
  // The run-time index: one probe reads the key and the entry range together, and the entries
  // interleave class and weight, so that a feature costs two cache misses, not five.
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t begin = kEmpty, end = 0;
  };
  struct Entry {
    std::uint32_t cls;
    float weight;
  };
  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::size_t mask_ = 0;
};

// The averaged perceptron during training (Collins 2002; averaging by lazy time stamps).
class TrainablePerceptron {
 public:
  explicit TrainablePerceptron(std::uint32_t class_count) : class_count_(class_count) {}
  std::uint32_t class_count() const { return class_count_; }

  void score(const std::uint64_t* features, std::size_t n, float* scores) const {
    for (std::size_t i = 0; i < n; ++i) {
      auto it = rows_.find(features[i]);
      if (it == rows_.end()) continue;
      for (const Entry& e : it->second) scores[e.cls] += e.weight;
    }
  }
  // One training example seen (advances the averaging clock).
  void tick() { ++now_; }
  void update(const std::uint64_t* features, std::size_t n, std::uint32_t cls, float delta);

  // The averaged weights; entries whose |average| is below `min_abs_weight` are dropped.
  SparseWeights average(float min_abs_weight) const;

 private:
  struct Entry {
    std::uint16_t cls;
    float weight;
    double total;
    std::uint64_t stamp;
  };
  std::uint32_t class_count_;
  std::uint64_t now_ = 1;
  std::unordered_map<std::uint64_t, std::vector<Entry>> rows_;
};

// Little-endian binary helpers for model files.
template <typename T>
void write_pod(std::ostream& out, const T& value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}
template <typename T>
bool read_pod(std::istream& in, T& value) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&value), sizeof(T)));
}
template <typename T>
void write_vector(std::ostream& out, const std::vector<T>& v) {
  write_pod<std::uint64_t>(out, v.size());
  out.write(reinterpret_cast<const char*>(v.data()),
            static_cast<std::streamsize>(v.size() * sizeof(T)));
}
template <typename T>
bool read_vector(std::istream& in, std::vector<T>& v, std::uint64_t max_size = 1ULL << 31) {
  std::uint64_t n = 0;
  if (!read_pod(in, n) || n > max_size) return false;
  v.resize(n);
  return static_cast<bool>(
      in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T))));
}
inline void write_string(std::ostream& out, std::string_view s) {
  write_pod<std::uint32_t>(out, static_cast<std::uint32_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}
inline bool read_string(std::istream& in, std::string& s) {
  std::uint32_t n = 0;
  if (!read_pod(in, n) || n > (1u << 28)) return false;
  s.resize(n);
  return static_cast<bool>(in.read(s.data(), n));
}
inline void write_strings(std::ostream& out, const std::vector<std::string>& v) {
  write_pod<std::uint32_t>(out, static_cast<std::uint32_t>(v.size()));
  for (const auto& s : v) write_string(out, s);
}
inline bool read_strings(std::istream& in, std::vector<std::string>& v) {
  std::uint32_t n = 0;
  if (!read_pod(in, n) || n > (1u << 26)) return false;
  v.resize(n);
  for (auto& s : v) {
    if (!read_string(in, s)) return false;
  }
  return true;
}

}  // namespace vigie::syntax::detail
