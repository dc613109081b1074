// fuzz_csv_map.cpp: libFuzzer target for the CSV column mapping (io/csv_import.h,
// docs/IMPORT.md): parse_csv_map and write_csv_map.
//
// Any bytes must be read or refused with problems; a mapping that is read must write back
// as JSON that reads again to the same mapping, byte for byte when written twice (what the
// app's "Save mapping" and "Load mapping" rely on). Never a crash, leak or UB (ASan + UBSan).
//   fuzz/run.sh --target fuzz_csv_map --minutes 10     longer runs by hand
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv_import.h"

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  arlab::CsvMap map;
  std::vector<arlab::Problem> problems;
  if (!arlab::parse_csv_map(text, &map, &problems)) {
    require(!problems.empty());
    for (const arlab::Problem& p : problems) require(!p.message.empty());
    return 0;
  }
  require(problems.empty());
  const std::string written = arlab::write_csv_map(map);
  arlab::CsvMap again;
  require(arlab::parse_csv_map(written, &again, &problems));
  require(arlab::write_csv_map(again) == written);
  require(again.keep == map.keep && again.amount == map.amount);
  return 0;
}
