-- authors.lua: the book's author line, read from the AUTHORS file (pandoc 2.17
-- Lua filter).
--
-- AUTHORS names everyone who wrote the book, one per line ("#" starts a
-- comment). LICENSE points to the same file, and `make book-check` checks
-- that everyone who committed to the repository is in it, so the title page
-- names the people the history names, and a new author appears there by
-- adding one line. A book.md that sets `author:` itself stops the build: one
-- list, in one place.

function Meta(meta)
  if meta.author then
    io.stderr:write("authors.lua: book.md sets author:, but the book's authors are listed in AUTHORS\n")
    os.exit(1)
  end
  local f = io.open("AUTHORS", "r")
  if not f then
    io.stderr:write("authors.lua: AUTHORS: no such file (one author per line)\n")
    os.exit(1)
  end
  local names = pandoc.List()
  for line in f:lines() do
    local name = line:gsub("#.*$", ""):gsub("^%s+", ""):gsub("%s+$", "")
    if name ~= "" then
      local inlines = pandoc.List()
      for word in name:gmatch("%S+") do
        if #inlines > 0 then inlines:insert(pandoc.Space()) end
        inlines:insert(pandoc.Str(word))
      end
      names:insert(pandoc.MetaInlines(inlines))
    end
  end
  f:close()
  if #names == 0 then
    io.stderr:write("authors.lua: AUTHORS names nobody\n")
    os.exit(1)
  end
  meta.author = names
  return meta
end
