// form_command.cpp: the New invoice form filled and answered from a script (app.h
// form_command): what the browser test types, without aiming at pixels. Each member sets
// the field a user would type in; the submit and the answers to a credit warning go through
// the same flags as the form's buttons, so the form's own code checks and records.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_state.h"

namespace app {

namespace {

template <size_t N>
bool set_field(const nlohmann::json& j, const char* key, char (&field)[N]) {
  if (!j.contains(key)) return true;
  if (!j[key].is_string() || j[key].get_ref<const std::string&>().size() >= N) return false;
  std::snprintf(field, N, "%s", j[key].get_ref<const std::string&>().c_str());
  return true;
}

}  // namespace

bool form_command(State& state, std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("form", "") != "invoice") return false;
  InvoiceForm& f = state.forms.invoice;
  if (j.contains("customer")) {
    if (!j["customer"].is_string()) return false;
    arlab::Index c = arlab::find_customer(state.book, j["customer"].get<std::string>());
    if (c == arlab::kNone) return false;
    f.customer = static_cast<int>(c);
  }
  if (!set_field(j, "id", f.id) || !set_field(j, "date", f.date) ||
      !set_field(j, "amount", f.amount) || !set_field(j, "due", f.due) ||
      !set_field(j, "override", f.override_reason)) {
    return false;
  }
  if (j.contains("due")) f.due_given = f.due[0] != '\0';
  if (j.contains("disputed")) f.disputed = j["disputed"].is_boolean() && j["disputed"].get<bool>();
  bool in_front = state.forms.kind == static_cast<int>(FormKind::Invoice);
  if (j.value("submit", false)) {
    if (!in_front) return false;
    state.forms.submit_requested = true;
  }
  std::string answer;
  if (j.contains("answer") && j["answer"].is_string()) answer = j["answer"].get<std::string>();
  if (answer == "record-anyway") state.forms.record_anyway_requested = true;
  if (answer == "cancel") state.forms.cancel_warning_requested = true;
  return true;
}

}  // namespace app
