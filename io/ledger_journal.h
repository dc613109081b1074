// ledger_journal.h: the book as a ledger-cli journal, so that
// `ledger -f book.journal bal Receivable` agrees with arlab's balances.
#pragma once
#include <string>

#include "core/book.h"

namespace arlab {

std::string ledger_journal(const Book& book);

}  // namespace arlab
