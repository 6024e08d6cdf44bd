-- print.lua: what only the PDF needs (pandoc 2.17 filter, run last, for
-- the HTML that WeasyPrint prints).
--
-- * A footnote stays where it is called, as <span class="footnote">, so the
--   print stylesheet can float it to the foot of its page (WeasyPrint's
--   float: footnote); pandoc would gather every note after the index.
-- * An internal link, a cross-reference or an index entry, gets the class
--   page-ref, and the stylesheet adds the page it points to
--   (target-counter), since a printed link cannot be followed.

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

function Link(link)
  if link.target:match("^#") then
    link.classes:insert("page-ref")
    return link
  end
end
