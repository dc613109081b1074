// cached.h: a result computed once per change of its inputs, never per frame.
//
// Every panel derives something from the book: figures, sorted rows, a statement, a score.
// Each used to keep its own `built_generation` / `built_customer` / ... members and a
// hand-written "is this stale" test beside them; `Cached` is that pattern once. The key is
// every input the result depends on, typically the book's generation (State::book_generation,
// or the figures' generation, which follows the book, the as-of date and the aging edges),
// the as-of date, and the panel's own inputs (a customer, a period, a filter). A small
// struct with `bool operator==(const Key&) const = default;` names them; a std::tuple will do.
//
//   struct ScoreKey { uint64_t figures; arlab::Index customer; bool operator==... = default; };
//   Cached<Score, ScoreKey> score;
//   const Score& s = score.get({state.figures.generation, c}, [&] { return compute(...); });
//
// `Cached<void, Key>` keeps only the key, for a result built in place across several members
// (a panel's row indices, a busy compute that must first say "Computing..."):
//
//   if (!rows.current(key)) { rebuild(...); rows.set(key); }
//
// Usage notes: the key is compared with ==, once a frame; keep it small (no book, no texts
// of a whole file). `reset()` forgets the key, so the next get() computes again. Tests:
// tests/app/test_cached.cpp.
#pragma once
#include <cstdint>
#include <optional>
#include <utility>

namespace app {

template <typename Key>
class CacheKey {
 public:
  // True if the result was made from exactly these inputs.
  bool current(const Key& key) const { return key_ && *key_ == key; }
  // The result was just made from `key`.
  void set(const Key& key) {
    key_ = key;
    ++computes_;
  }
  void reset() { key_.reset(); }
  // The inputs of the result held (nullptr before the first compute, or after reset()).
  const Key* key() const { return key_ ? &*key_ : nullptr; }
  // How many times a result was made (tests: "not recomputed per frame").
  uint64_t computes() const { return computes_; }

 private:
  std::optional<Key> key_;
  uint64_t computes_ = 0;
};

template <typename T, typename Key>
class Cached : public CacheKey<Key> {
 public:
  // The result for `key`: the one held if it was made from the same key, else compute()'s.
  template <typename Compute>
  const T& get(const Key& key, Compute&& compute) {
    if (!this->current(key)) {
      value_ = std::forward<Compute>(compute)();
      this->set(key);
    }
    return value_;
  }
  // The result held, whatever its key (a stale one is still worth drawing while a new one
  // is computed); a default T before the first compute.
  const T& value() const { return value_; }

 private:
  T value_{};
};

template <typename Key>
class Cached<void, Key> : public CacheKey<Key> {};

}  // namespace app
