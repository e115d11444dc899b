#include "syntax/perceptron.h"

#include <algorithm>
#include <cmath>

namespace vigie::syntax::detail {

void SparseWeights::assign(std::uint32_t class_count, std::vector<std::uint64_t> keys,
                           std::vector<std::uint32_t> row_begin, std::vector<std::uint16_t> classes,
                           std::vector<float> weights) {
  class_count_ = class_count;
  keys_ = std::move(keys);
  row_begin_ = std::move(row_begin);
  classes_ = std::move(classes);
  weights_ = std::move(weights);
  build_index();
}

void SparseWeights::build_index() {
  std::size_t size = 16;
  while (size < keys_.size() * 2) size <<= 1;
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  for (std::uint32_t r = 0; r < keys_.size(); ++r) {
    std::size_t slot = keys_[r] & mask_;
    while (slots_[slot].begin != kEmpty) slot = (slot + 1) & mask_;
    slots_[slot] = Slot{keys_[r], row_begin_[r], row_begin_[r + 1]};
  }
  entries_.resize(classes_.size());
  for (std::size_t e = 0; e < classes_.size(); ++e) entries_[e] = Entry{classes_[e], weights_[e]};
}

void SparseWeights::write(std::ostream& out, WeightsLayout layout) const {
  write_pod(out, class_count_);
  if (layout == WeightsLayout::kCompact) {
    std::vector<std::uint8_t> keys(keys_.size() * 6);
    std::vector<std::uint16_t> row_sizes(keys_.size());
    for (std::size_t r = 0; r < keys_.size(); ++r) {
      for (int b = 0; b < 6; ++b) keys[r * 6 + b] = static_cast<std::uint8_t>(keys_[r] >> (8 * b));
      row_sizes[r] = static_cast<std::uint16_t>(row_begin_[r + 1] - row_begin_[r]);
    }
    write_vector(out, keys);
    write_vector(out, row_sizes);
  } else {
    write_vector(out, keys_);
    write_vector(out, row_begin_);
  }
  write_vector(out, classes_);
  // Weights are stored as 16-bit integers times one scale: a third smaller files, and the
  // rounding (1/65535 of the largest weight) is far below the weights that decide anything.
  float largest = 0.0f;
  for (float w : weights_) largest = std::max(largest, std::fabs(w));
  const float scale = largest > 0 ? largest / 32767.0f : 1.0f;
  std::vector<std::int16_t> quantized(weights_.size());
  for (std::size_t i = 0; i < weights_.size(); ++i) {
    quantized[i] = static_cast<std::int16_t>(std::lround(weights_[i] / scale));
  }
  write_pod(out, scale);
  write_vector(out, quantized);
}

bool SparseWeights::read(std::istream& in, WeightsLayout layout) {
  if (!read_pod(in, class_count_)) return false;
  if (layout == WeightsLayout::kCompact) {
    std::vector<std::uint8_t> keys;
    std::vector<std::uint16_t> row_sizes;
    if (!read_vector(in, keys) || keys.size() % 6 != 0 || !read_vector(in, row_sizes) ||
        row_sizes.size() != keys.size() / 6) {
      return false;
    }
    keys_.assign(row_sizes.size(), 0);
    row_begin_.assign(row_sizes.size() + 1, 0);
    for (std::size_t r = 0; r < row_sizes.size(); ++r) {
      for (int b = 0; b < 6; ++b) keys_[r] |= std::uint64_t{keys[r * 6 + b]} << (8 * b);
      row_begin_[r + 1] = row_begin_[r] + row_sizes[r];
    }
    key_mask_ = kCompactKeyMask;
  } else {
    if (!read_vector(in, keys_) || !read_vector(in, row_begin_)) return false;
    key_mask_ = ~std::uint64_t{0};
  }
  if (!read_vector(in, classes_)) return false;
  float scale = 0;
  std::vector<std::int16_t> quantized;
  if (!read_pod(in, scale) || !std::isfinite(scale) || !read_vector(in, quantized)) return false;
  weights_.resize(quantized.size());
  for (std::size_t i = 0; i < quantized.size(); ++i) weights_[i] = quantized[i] * scale;
  if (row_begin_.size() != keys_.size() + 1 || classes_.size() != weights_.size() ||
      row_begin_.back() != classes_.size()) {
    return false;
  }
  for (std::size_t r = 0; r + 1 < row_begin_.size(); ++r) {
    if (row_begin_[r] > row_begin_[r + 1]) return false;
  }
  for (std::uint16_t c : classes_) {
    if (c >= class_count_) return false;
  }
  build_index();
  return true;
}

void TrainablePerceptron::update(const std::uint64_t* features, std::size_t n, std::uint32_t cls,
                                 float delta) {
  for (std::size_t i = 0; i < n; ++i) {
    auto& row = rows_[features[i]];
    Entry* entry = nullptr;
    for (Entry& e : row) {
      if (e.cls == cls) {
        entry = &e;
        break;
      }
    }
    if (entry == nullptr) {
      row.push_back(Entry{static_cast<std::uint16_t>(cls), 0.0f, 0.0, now_});
      entry = &row.back();
    }
    entry->total += static_cast<double>(now_ - entry->stamp) * entry->weight;
    entry->stamp = now_;
    entry->weight += delta;
  }
}

SparseWeights TrainablePerceptron::average(float min_abs_weight) const {
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> row_begin{0};
  std::vector<std::uint16_t> classes;
  std::vector<float> weights;
  std::vector<std::pair<std::uint64_t, const std::vector<Entry>*>> sorted;
  sorted.reserve(rows_.size());
  for (const auto& [key, row] : rows_) sorted.emplace_back(key, &row);
  std::sort(sorted.begin(), sorted.end());  // deterministic files
  for (const auto& [key, row] : sorted) {
    std::size_t before = classes.size();
    for (const Entry& e : *row) {
      double total = e.total + static_cast<double>(now_ - e.stamp) * e.weight;
      float avg = static_cast<float>(total / static_cast<double>(now_));
      if (std::fabs(avg) < min_abs_weight) continue;
      classes.push_back(e.cls);
      weights.push_back(avg);
    }
    if (classes.size() == before) continue;
    keys.push_back(key);
    row_begin.push_back(static_cast<std::uint32_t>(classes.size()));
  }
  SparseWeights out;
  out.assign(class_count_, std::move(keys), std::move(row_begin), std::move(classes),
             std::move(weights));
  return out;
}

}  // namespace vigie::syntax::detail
