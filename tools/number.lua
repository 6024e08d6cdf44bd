-- number.lua: chapter numbers that match the chapter files (pandoc 2.17 Lua filter).
--
-- pandoc numbers chapters in the order it reads them, but a chapter's number
-- belongs to its file: chapters/10-choosing.md is chapter 10 and `make
-- chapter10` runs it, even while chapters 8 and 9 are still being written. A
-- chapter heading may say so with an attribute:
--
--   # Choosing mmap {#ch-choosing chapter=10}
--
-- and this filter then numbers it, and every section under it, from there
-- (10, 10.1, 10.1.1 ...), through the `number` attribute pandoc's writers
-- print. Chapters without the attribute follow on from the one before.
-- Unnumbered headings (.unnumbered) are left alone and do not count.

function Pandoc(doc)
  local counters = { 0, 0, 0, 0, 0, 0 }
  for _, block in ipairs(doc.blocks) do
    -- An exercise's heading carries its own number ("Exercise 1.1"): no second one.
    if block.t == "Header" and block.level >= 3 and pandoc.utils.stringify(block.content):match("^Exercise %d+%.%d+") then
      block.classes:insert("unnumbered")
    end
    if block.t == "Header" and not block.classes:includes("unnumbered") then
      local level = block.level
      local explicit = level == 1 and block.attributes.chapter
      if explicit then
        local n = tonumber(explicit)
        if not n or n < 1 or n % 1 ~= 0 then
          io.stderr:write("number.lua: chapter=" .. explicit .. " is not a chapter number\n")
          os.exit(1)
        end
        if n <= counters[1] then
          io.stderr:write("number.lua: chapter=" .. explicit .. " comes after chapter " .. counters[1] .. "\n")
          os.exit(1)
        end
        counters[1] = n
      else
        counters[level] = counters[level] + 1
      end
      for i = level + 1, #counters do counters[i] = 0 end
      local parts = {}
      for i = 1, level do parts[i] = tostring(counters[i]) end
      block.attributes.chapter = nil
      block.attributes.number = table.concat(parts, ".")
    end
  end
  return doc
end
