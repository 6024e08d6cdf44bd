-- print.lua: what only the PDF needs (pandoc 2.17 filter, run last, for
-- the HTML that WeasyPrint prints).
--
-- * A footnote stays where it is called, as <span class="footnote">, so the
--   print stylesheet can float it to the foot of its page (WeasyPrint's
--   float: footnote); pandoc would gather every note after the index.
-- * An internal link, a cross-reference or an index entry, is followed by the
--   page it points to (the stylesheet's target-counter), since a printed link
--   cannot be followed. The page goes in an empty <span class="page-ref">
--   after the link, not in the link's ::after: WeasyPrint 57 drops the space
--   after a ::after whose target comes later in the book.

function Note(note)
  local inlines = {}
  for i, block in ipairs(note.content) do
    if i > 1 then inlines[#inlines + 1] = pandoc.Space() end
    if block.content and (block.t == "Para" or block.t == "Plain") then
      for _, inline in ipairs(block.content) do inlines[#inlines + 1] = inline end
    else
      inlines[#inlines + 1] = pandoc.Str(pandoc.utils.stringify(block))
    end
  end
  return pandoc.Span(inlines, pandoc.Attr("", { "footnote" }))
end

local function page_ref(target, spaced)
  return pandoc.Span({}, pandoc.Attr("", { spaced and "page-ref" or "page-ref-tight" },
    { { "data-href", target } }))
end

function Inlines(inlines)
  local out, i = {}, 1
  while i <= #inlines do
    local el = inlines[i]
    out[#out + 1] = el
    if el.t == "Link" and el.target:match("^#") then
      local after = inlines[i + 1]
      if after and (after.t == "Space" or after.t == "SoftBreak") then
        -- link, space, "(p. N) " then the next word
        out[#out + 1] = after
        out[#out + 1] = page_ref(el.target, true)
        i = i + 1
      else
        out[#out + 1] = page_ref(el.target, false)
      end
    end
    i = i + 1
  end
  return out
end

-- * A paragraph that ends with a colon introduces the listing or output after
--   it, and is kept on the same page as its start (class lead-in).
local function introduces(block)
  return block and (block.t == "CodeBlock" or (block.t == "Div"
    and (block.classes:includes("listing") or block.classes:includes("output"))))
end

function Blocks(blocks)
  local out = {}
  for i, block in ipairs(blocks) do
    local last = block.t == "Para" and block.content[#block.content]
    if last and last.t == "Str" and last.text:match(":$") and introduces(blocks[i + 1]) then
      out[#out + 1] = pandoc.Div({ block }, pandoc.Attr("", { "lead-in" }))
    else
      out[#out + 1] = block
    end
  end
  return out
end
