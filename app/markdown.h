// markdown.h: the docs' Markdown (docs/*.md, embedded by assets/docs.h) as blocks the Help
// window draws with Dear ImGui: headings, paragraphs, list items, code blocks and tables.
// The subset the docs use, read simply: inline markup is dropped (**bold**, `code`, a link's
// target), so a block is plain text that wraps. No ImGui here: parsed once, tested headless.
//
// Characters outside Latin-1 (what the UI font's atlas holds) are written so that they still
// read: an em or en dash as "-", an arrow as "->", anything else as "U+FF0B".
//
// Usage:
//   std::vector<app::md::Block> blocks = app::md::parse(arlab::doc_metrics_md());
//   for (const app::md::Block& b : blocks) if (b.kind == app::md::Kind::Heading) ...
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace app::md {

enum class Kind : uint8_t { Heading, Paragraph, Item, Code, Table };

struct Block {
  Kind kind = Kind::Paragraph;
  int level = 0;       // Heading: 1 to 6 (# to ######); Item: nesting depth, 0 at the margin.
  std::string marker;  // Item: "" for a bullet, "1." for a numbered item.
  std::string text;    // Heading, Paragraph, Item: plain text; Code: its lines, '\n' between.
  std::string anchor;  // Heading: its GitHub anchor ("comparing-two-plans").
  std::string link;    // Paragraph, Item made of one link only: its target ("#formulas").
  std::vector<std::vector<std::string>> rows;  // Table: the header row, then the body rows.
};

std::vector<Block> parse(std::string_view markdown);

// A line's inline markup dropped: "**Values** are `exact`, see [Gates](#gates)" ->
// "Values are exact, see Gates"; "\|" -> "|"; characters beyond Latin-1 as said above.
std::string plain(std::string_view text);
// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as '-'
// ("Removed allocations (--paid)" -> "removed-allocations---paid").
std::string anchor_of(std::string_view heading);
// Characters of text in the blocks (headings, paragraphs, items, code, table cells).
size_t text_chars(const std::vector<Block>& blocks);

}  // namespace app::md
