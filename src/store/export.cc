#include "store/export.h"
#include "unicode/utf8.h"

#include <cstdio>
#include <set>
#include <string>

namespace vigie::store {
namespace {

nlohmann::json actor_json(const std::optional<StoredActor>& actor) {
  if (!actor) return nullptr;
  return {{"code", actor->code.empty() ? nlohmann::json(nullptr) : nlohmann::json(actor->code)},
          {"name", actor->name},
          {"text", actor->text},
          {"span", {actor->span.begin, actor->span.end}}};
}

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// GDELT fields are tab-separated and single-line: tabs and newlines become spaces.
std::string tsv_field(std::string value) {
  for (char& c : value) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return value;
}

// A table cell: the text padded to `width` code points, then a column separator.
std::string pad(std::string_view text, std::size_t width) {
  return unicode::pad_to_width(text, width) + ' ';
}

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

// CAMEO actor codes start with a country (ISO alpha-3) unless they start with one of these
// non-state prefixes (CAMEO manual, actor codebook).
bool is_country_prefix(const std::string& three) {
  static const std::set<std::string> kNonState = {
      "IGO", "NGO", "IMG", "MNC", "UIS", "REB", "INS", "OPP", "SPY", "MIL", "GOV", "COP",
      "JUD", "BUS", "CVL", "MED", "EDU", "ELI", "REF", "HLH", "LAB", "LEG", "AGR", "CRM",
      "SEP", "UAF", "RAD", "MOD", "PTY", "REL", "ENV", "AMN", "IRC", "GRP"};
  return three.size() == 3 && !kNonState.count(three);
}

// The 10 GDELT actor fields: Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
// Religion2Code, Type1Code, Type2Code, Type3Code.
void gdelt_actor(std::vector<std::string>& row, const std::optional<StoredActor>& actor) {
  std::vector<std::string> fields(10);
  if (actor && !actor->code.empty()) {
    const std::string& code = actor->code;
    fields[0] = code;
    std::string name = actor->name.empty() ? actor->text : actor->name;
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    fields[1] = name;
    std::string rest = code;
    std::string head = code.substr(0, 3);
    if (is_country_prefix(head)) {
      fields[2] = head;
      rest = code.substr(3);
    } else if (head == "IGO" || head == "NGO" || head == "IMG" || head == "MNC") {
      fields[3] = code.size() > 3 ? code.substr(3, 3) : "";
      fields[7] = head;
      rest.clear();
    }
    for (int type = 0; type < 3 && rest.size() >= 3; ++type) {
      fields[7 + type] = rest.substr(0, 3);
      rest = rest.substr(3);
    }
  }
  for (std::string& field : fields) row.push_back(tsv_field(field));
}

}  // namespace

nlohmann::json to_json(const StoredEvent& e) {
  nlohmann::json place = nullptr;
  if (e.place) {
    place = {{"text", e.place->text},       {"name", e.place->name},
             {"country", e.place->country}, {"admin1", e.place->admin1},
             {"feature", e.place->feature}, {"geonameid", e.place->geonameid},
             {"lat", e.place->lat},         {"lon", e.place->lon}};
    if (!e.place->match.empty()) place["match"] = e.place->match;
  }
  return {{"id", e.id},
          {"cluster", e.cluster},
          {"document", e.document},
          {"document_id", e.document_id},
          {"url", e.url.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.url)},
          {"news_source", e.news_source},
          {"published", e.published},
          {"lang", e.lang},
          {"sentence", e.sentence},
          {"in_title", e.in_title},
          {"sentence_span", {e.sentence_span.begin, e.sentence_span.end}},
          {"span", {e.trigger.begin, e.trigger.end}},
          {"trigger", e.trigger_text},
          {"source", actor_json(e.source)},
          {"target", actor_json(e.target)},
          {"attribution", actor_json(e.attribution)},
          {"cameo", e.cameo},
          {"cameo_name", e.cameo_name},
          {"quad_class", e.quad_class},
          {"goldstein", e.goldstein},
          {"plover", {{"type", e.plover_type}, {"mode", e.plover_mode}}},
          {"modality", e.modality},
          {"date", e.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.date)},
          {"date_source", e.date_source},
          {"rule", e.rule},
          {"location", place},
          {"confidence", e.confidence}};
}

nlohmann::json to_json(const StoredCluster& c) {
  return {{"id", c.id},
          {"source", c.source_code},
          {"target", c.target_code},
          {"cameo", c.cameo},
          {"first_date", c.first_date},
          {"last_date", c.last_date},
          {"mentions", c.mentions},
          {"documents", c.documents},
          {"sources", c.sources},
          {"representative", c.representative},
          {"modalities", c.modalities}};
}

void write_table(std::ostream& out, const std::vector<StoredEvent>& events) {
  out << pad("id", 7) << pad("date", 10) << pad("source", 9) << pad("event", 32) << pad("target", 9)
      << pad("modality", 8) << pad("cluster", 7) << "trigger / document\n";
  out << std::string(118, '-') << "\n";
  for (const StoredEvent& e : events) {
    auto code = [](const std::optional<StoredActor>& a) {
      return !a ? std::string("-") : a->code.empty() ? std::string("?") : a->code;
    };
    out << pad(std::to_string(e.id), 7) << pad(e.date.empty() ? "-" : e.date, 10)
        << pad(code(e.source), 9)
        << pad(unicode::clip_to_width(e.cameo + " " + e.cameo_name, 30), 32)
        << pad(code(e.target), 9) << pad(e.modality, 8) << pad(std::to_string(e.cluster), 7)
        << e.trigger_text << "  (" << unicode::clip_to_width(e.document_id, 40) << ")\n";
  }
  out << std::string(118, '-') << "\n" << events.size() << " event(s)\n";
}

void write_csv(std::ostream& out, const std::vector<StoredEvent>& events, bool header) {
  if (header) {
    out << "id,cluster,date,source_code,source_name,target_code,target_name,cameo,cameo_name,"
           "quad_class,goldstein,plover_type,plover_mode,modality,attribution_code,place_name,"
           "place_country,lat,lon,document_id,url,news_source,trigger,sentence,rule\r\n";
  }
  for (const StoredEvent& e : events) {
    auto code = [](const std::optional<StoredActor>& a) { return a ? a->code : std::string(); };
    auto name = [](const std::optional<StoredActor>& a) { return a ? a->name : std::string(); };
    std::vector<std::string> fields = {std::to_string(e.id),
                                       std::to_string(e.cluster),
                                       e.date,
                                       code(e.source),
                                       name(e.source),
                                       code(e.target),
                                       name(e.target),
                                       e.cameo,
                                       e.cameo_name,
                                       std::to_string(e.quad_class),
                                       format_number(e.goldstein),
                                       e.plover_type,
                                       e.plover_mode,
                                       e.modality,
                                       code(e.attribution),
                                       e.place ? e.place->name : "",
                                       e.place ? e.place->country : "",
                                       e.place ? format_number(e.place->lat) : "",
                                       e.place ? format_number(e.place->lon) : "",
                                       e.document_id,
                                       e.url,
                                       e.news_source,
                                       e.trigger_text,
                                       e.sentence,
                                       e.rule};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      out << (i ? "," : "") << csv_field(fields[i]);
    }
    out << "\r\n";
  }
}

void write_jsonl(std::ostream& out, const std::vector<StoredEvent>& events) {
  for (const StoredEvent& e : events) out << to_json(e).dump() << '\n';
}

const std::vector<std::string>& gdelt_columns() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> c = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"};
    for (const char* actor : {"Actor1", "Actor2"}) {
      for (const char* field :
           {"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
            "Religion2Code", "Type1Code", "Type2Code", "Type3Code"}) {
        c.push_back(std::string(actor) + field);
      }
    }
    for (const char* field :
         {"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"}) {
      c.push_back(field);
    }
    for (const char* geo : {"Actor1Geo_", "Actor2Geo_", "ActionGeo_"}) {
      for (const char* field : {"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat",
                                "Long", "FeatureID"}) {
        c.push_back(std::string(geo) + field);
      }
    }
    c.push_back("DATEADDED");
    c.push_back("SOURCEURL");
    return c;
  }();
  return kColumns;
}

std::string gdelt_row(const StoredCluster& cluster, const StoredEvent& e) {
  std::vector<std::string> row;
  row.reserve(61);
  row.push_back(std::to_string(cluster.id));
  std::string date = cluster.first_date.empty() ? e.date : cluster.first_date;
  if (date.size() == 10) {
    std::string compact = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
    row.push_back(compact);
    row.push_back(compact.substr(0, 6));
    row.push_back(compact.substr(0, 4));
    int year = std::stoi(date.substr(0, 4)), month = std::stoi(date.substr(5, 2)),
        day = std::stoi(date.substr(8, 2));
    // GDELT's FractionDate, YYYY.FFFF: the share of the year gone by, from 30-day months.
    double fraction = year + ((month - 1) * 30 + day) / 365.0;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.4f", fraction);
    row.push_back(buffer);
  } else {
    row.insert(row.end(), 4, "");
  }
  gdelt_actor(row, e.source);
  gdelt_actor(row, e.target);
  row.push_back(e.in_title ? "1" : "0");
  row.push_back(e.cameo);
  row.push_back(e.cameo.substr(0, 3));
  row.push_back(e.cameo.substr(0, 2));
  row.push_back(std::to_string(e.quad_class));
  row.push_back(format_number(e.goldstein));
  row.push_back(std::to_string(cluster.mentions));
  row.push_back(std::to_string(cluster.sources));
  row.push_back(std::to_string(cluster.documents));
  row.push_back("");              // AvgTone: Vigie measures no tone
  row.insert(row.end(), 16, "");  // Actor1Geo_*, Actor2Geo_*: Vigie places events, not actors
  if (e.place) {
    // GDELT geo types: 1 country, 4 world city, 5 world state (ADM1).
    const std::string& feature = e.place->feature;
    row.push_back(feature == "country"                           ? "1"
                  : (feature == "region" || feature == "admin1") ? "5"
                                                                 : "4");
    row.push_back(tsv_field(e.place->name.empty() ? e.place->text : e.place->name));
    row.push_back(e.place->country);  // ISO 3166-1 alpha-3, not GDELT's FIPS 10-4
    row.push_back(tsv_field(e.place->admin1));
    row.push_back("");
    row.push_back(format_number(e.place->lat));
    row.push_back(format_number(e.place->lon));
    row.push_back(e.place->geonameid ? std::to_string(e.place->geonameid) : "");
  } else {
    row.insert(row.end(), 8, "");
  }
  row.push_back("");  // DATEADDED: Vigie keeps its ingest time per document, not per event
  row.push_back(tsv_field(e.url.empty() ? e.document_id : e.url));
  std::string line;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) line += '\t';
    line += row[i];
  }
  return line;
}

}  // namespace vigie::store
