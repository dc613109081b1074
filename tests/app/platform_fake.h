// platform_fake.h: what the fake platform of the headless test recorded.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "app/platform.h"

namespace app::platform {

struct FakePlatform {
  std::optional<std::string> saved_at_start;  // What load_saved_book returns.
  int save_count = 0;
  int flush_count = 0;
  int poll_count = 0;
  std::string last_saved;
  std::string save_error;
  std::map<std::string, std::string> exported;  // File name -> data.
  bool has_picker = false;                      // Acts as the browser (true) or desktop.
  std::map<std::string, std::string> settings;  // save_setting / load_setting: the "disk".
  int setting_save_count = 0;
  std::string setting_error;                    // Set: save_setting fails with it.
  arlab::Date today;                            // What platform::today() returns.
};

FakePlatform& fake();

}  // namespace app::platform
