// The benchmarks' corpus: the plain-text example articles of the source tree
// (examples/fr/*.txt and examples/en/*.txt), read once per process.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef VIGIE_SOURCE_DIR
#error "VIGIE_SOURCE_DIR must be defined (bench/CMakeLists.txt passes the repository root)"
#endif

namespace vigie::bench {

struct CorpusFile {
  std::string path;  // as read, for messages
  std::string name;  // file name ("2024-03-11-manila-japan-visit.txt")
  std::string lang;  // the folder it sits in: "fr" or "en"
  std::string text;  // the file's bytes
};

struct Corpus {
  std::vector<CorpusFile> files;  // French first, then English; sorted by name within each
  std::string error;              // why the corpus is empty (missing folder, no .txt files)

  std::vector<const CorpusFile*> of_lang(std::string_view lang) const {
    std::vector<const CorpusFile*> out;
    for (const CorpusFile& file : files) {
      if (file.lang == lang) out.push_back(&file);
    }
    return out;
  }
};

inline std::string examples_dir() { return std::string(VIGIE_SOURCE_DIR) + "/examples"; }

inline Corpus read_corpus() {
  namespace fs = std::filesystem;
  Corpus corpus;
  const fs::path root = examples_dir();
  for (const char* lang : {"fr", "en"}) {
    const fs::path dir = root / lang;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      corpus.error = "corpus missing: " + dir.string() + " is not a directory";
      corpus.files.clear();
      return corpus;
    }
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const fs::path& path = entry.path();
      if (entry.is_regular_file() && path.extension() == ".txt" &&
          path.filename().string().rfind('.', 0) != 0) {
        paths.push_back(path);
      }
    }
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) {
      corpus.error = "corpus missing: no .txt file in " + dir.string();
      corpus.files.clear();
      return corpus;
    }
    for (const fs::path& path : paths) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      if (!in) {
        corpus.error = "cannot read " + path.string();
        corpus.files.clear();
        return corpus;
      }
      corpus.files.push_back({path.string(), path.filename().string(), lang, bytes.str()});
    }
  }
  return corpus;
}

// Read once, shared by every benchmark of the process.
inline const Corpus& corpus() {
  static const Corpus instance = read_corpus();
  return instance;
}

}  // namespace vigie::bench
