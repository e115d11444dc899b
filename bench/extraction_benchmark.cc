// Stage `ingest`: HTML page -> Document speed (charset check, myhtml parse, metadata, scored
// body extraction) over the 181 pages of the Zyte article-extraction benchmark in
// ../shared/data/extraction. Pages are decompressed once, before timing; items/s = pages/s on
// one core. Skips with a message when ../shared is absent.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/extraction_eval.h"
#include "ingest/ingest.h"

namespace {

namespace fs = std::filesystem;

struct ZytePages {
  std::vector<std::string> html;
  std::size_t bytes = 0;
  std::string error;
};

const ZytePages& zyte_pages() {
  static const ZytePages pages = [] {
    ZytePages out;
    fs::path dir = fs::path(VIGIE_SHARED) / "data/extraction/zyte_article_extraction_benchmark/html";
    std::error_code error;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, error)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      auto page = vigie::ingest::read_gzip_file(file.string());
      if (!page) continue;
      out.bytes += page->size();
      out.html.push_back(std::move(page).value());
    }
    if (out.html.empty()) out.error = dir.string() + ": no pages (../shared absent?)";
    return out;
  }();
  return pages;
}

void BM_HtmlPageToDocument(benchmark::State& state) {
  const ZytePages& pages = zyte_pages();
  if (pages.html.empty()) {
    state.SkipWithError(pages.error.c_str());
    return;
  }
  std::size_t chars = 0;
  for (auto _ : state) {
    for (const std::string& html : pages.html) {
      vigie::Document document = vigie::ingest::document_from_html_bytes("page", html);
      chars += document.text.size();
      benchmark::DoNotOptimize(document);
    }
  }
  benchmark::DoNotOptimize(chars);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pages.html.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * pages.bytes));
}
BENCHMARK(BM_HtmlPageToDocument)->Unit(benchmark::kMillisecond);

}  // namespace
