#include "geo/gazetteer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "unicode/utf8.h"

namespace vigie::geo {
namespace fs = std::filesystem;

std::string_view to_string(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kCountry:
      return "country";
    case PlaceKind::kAdmin1:
      return "admin1";
    case PlaceKind::kCapital:
      return "capital";
    case PlaceKind::kCity:
      return "city";
    case PlaceKind::kAdmin2:
      return "admin2";
    case PlaceKind::kRegion:
      return "region";
  }
  return "city";
}

std::string fold_place_name(std::string_view name) {
  // ASCII names (most look-ups) take a fast path that needs no Unicode tables.
  bool ascii = std::all_of(name.begin(), name.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string folded;
  if (ascii) {
    folded.reserve(name.size());
    for (char c : name) folded.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  } else {
    folded = unicode::fold_without_accents(name);
    // Dashes of every width fold to "-".
    for (std::string_view dash : {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014"}) {
      for (std::size_t at = folded.find(dash); at != std::string::npos;
           at = folded.find(dash, at)) {
        folded.replace(at, dash.size(), "-");
      }
    }
  }
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::uint64_t fnv1a(std::string_view text);  // gazetteer_builder.cc shares it
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

struct Gazetteer::Mapping {
  std::string path;
  void* base = nullptr;
  std::size_t size = 0;
  const GazetteerHeader* header = nullptr;
  const PlaceRecord* places = nullptr;
  const NameKey* keys = nullptr;
  const char* strings = nullptr;
  ~Mapping() {
    if (base) munmap(base, size);
  }
  std::string_view string_at(std::uint32_t offset) const {
    if (offset >= header->strings_size) return {};
    return std::string_view(strings + offset);
  }
};

Gazetteer::Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

Expected<Gazetteer> Gazetteer::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Error{path, std::string("cannot open gazetteer: ") + std::strerror(errno) +
                           " (build it with `vigie gazetteer build`)"};
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(GazetteerHeader))) {
    ::close(fd);
    return Error{path, "not a Vigie gazetteer: too short"};
  }
  auto mapping = std::make_unique<Mapping>();
  mapping->path = path;
  mapping->size = static_cast<std::size_t>(st.st_size);
  mapping->base = mmap(nullptr, mapping->size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (mapping->base == MAP_FAILED) {
    mapping->base = nullptr;
    return Error{path, std::string("cannot map gazetteer: ") + std::strerror(errno)};
  }
  const char* bytes = static_cast<const char*>(mapping->base);
  mapping->header = reinterpret_cast<const GazetteerHeader*>(bytes);
  const GazetteerHeader& h = *mapping->header;
  if (std::memcmp(h.magic, kGazetteerMagic, sizeof h.magic) != 0) {
    return Error{path, "not a Vigie gazetteer (bad magic number)"};
  }
  if (h.version != kGazetteerFormatVersion) {
    return Error{path, "gazetteer format version " + std::to_string(h.version) +
                           ", this vigie reads " + std::to_string(kGazetteerFormatVersion) +
                           " (rebuild it)"};
  }
  auto fits = [&](std::uint64_t offset, std::uint64_t length) {
    return offset <= mapping->size && length <= mapping->size - offset;
  };
  if (!fits(h.places_offset, std::uint64_t{h.place_count} * sizeof(PlaceRecord)) ||
      !fits(h.keys_offset, h.key_count * sizeof(NameKey)) ||
      !fits(h.strings_offset, h.strings_size) || h.strings_size == 0 ||
      bytes[h.strings_offset + h.strings_size - 1] != '\0') {
    return Error{path, "gazetteer truncated or corrupt (section out of bounds)"};
  }
  mapping->places = reinterpret_cast<const PlaceRecord*>(bytes + h.places_offset);
  mapping->keys = reinterpret_cast<const NameKey*>(bytes + h.keys_offset);
  mapping->strings = bytes + h.strings_offset;
  Gazetteer gazetteer;
  gazetteer.mapping_ = std::move(mapping);
  return gazetteer;
}

void Gazetteer::lookup(std::string_view folded, std::vector<PlaceView>& out) const {
  out.clear();
  const Mapping& m = *mapping_;
  std::uint64_t hash = fnv1a(folded);
  const NameKey* begin = m.keys;
  const NameKey* end = m.keys + m.header->key_count;
  const NameKey* it = std::lower_bound(
      begin, end, hash, [](const NameKey& key, std::uint64_t h) { return key.hash < h; });
  for (; it != end && it->hash == hash; ++it) {
    if ((it->place & kDemonymBit) || it->place >= m.header->place_count) continue;
    if (m.string_at(it->name) != folded) continue;
    if (!out.empty() && out.back().index == it->place) continue;
    out.push_back(place(it->place));
  }
}

bool Gazetteer::is_demonym(std::string_view folded) const {
  return demonym_country(folded).has_value();
}

std::optional<PlaceView> Gazetteer::demonym_country(std::string_view folded) const {
  const Mapping& m = *mapping_;
  std::uint64_t hash = fnv1a(folded);
  const NameKey* end = m.keys + m.header->key_count;
  const NameKey* it = std::lower_bound(
      m.keys, end, hash, [](const NameKey& key, std::uint64_t h) { return key.hash < h; });
  for (; it != end && it->hash == hash; ++it) {
    std::uint32_t country = it->place & ~kDemonymBit;
    if ((it->place & kDemonymBit) && country < m.header->place_count &&
        m.string_at(it->name) == folded) {
      return place(country);
    }
  }
  return std::nullopt;
}

std::size_t Gazetteer::place_count() const {
  return mapping_->header->place_count;
}
std::size_t Gazetteer::key_count() const {
  return mapping_->header->key_count;
}
const std::string& Gazetteer::path() const {
  return mapping_->path;
}

PlaceView Gazetteer::place(std::uint32_t index) const {
  const PlaceRecord& record = mapping_->places[index];
  return PlaceView{index, &record, mapping_->string_at(record.name),
                   mapping_->string_at(record.admin1)};
}

std::string find_gazetteer(const std::string& default_path) {
  if (const char* env = std::getenv("VIGIE_GAZETTEER"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& dir : {exe.parent_path(), exe.parent_path().parent_path()}) {
      if (fs::is_regular_file(dir / "gazetteer.vgz", ec)) return (dir / "gazetteer.vgz").string();
    }
  }
  return default_path;
}

}  // namespace vigie::geo
