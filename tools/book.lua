-- book.lua: the book's figures, headings and outside references (pandoc 2.17).
-- Run after include.lua and before index.lua and links.lua.
--
--   ![Caption.](build/diagrams/NAME.svg){#fig-NAME alt="What the picture shows."}
--                      -> "Figure N.M: Caption.", numbered within its chapter;
--                         a diagram (build/diagrams/) without alt= stops the build
--   [](#fig-NAME)      -> "Figure N.M", a link to it (an empty link to a figure)
--   ### Exercise 1.1   -> left unnumbered: its title already carries a number
--   owner/repo#123     -> a link to that GitHub issue or pull request

local function fail(message)
  io.stderr:write("book.lua: " .. message .. "\n")
  os.exit(1)
end

local figures = {} -- id -> "N.M"

local function is_figure(block)
  return block.t == "Para" and #block.content == 1 and block.content[1].t == "Image"
      and block.content[1].title:match("^fig:")
end

-- "jermp/pthash#18" (perhaps inside punctuation) -> a link to GitHub.
local function github_ref(str)
  local before, repo, number, after = str.text:match("^(%p?)([%w][%w_.-]*/[%w_.-]+)#(%d+)(%p*)$")
  if not repo then return nil end
  local link = pandoc.Link({ pandoc.Str(repo .. "#" .. number) },
    "https://github.com/" .. repo .. "/issues/" .. number, "", pandoc.Attr("", { "github-ref" }))
  local out = {}
  if before ~= "" then out[#out + 1] = pandoc.Str(before) end
  out[#out + 1] = link
  if after ~= "" then out[#out + 1] = pandoc.Str(after) end
  return out
end

local function number_figures(doc)
  local chapter, count = 0, 0
  for _, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level == 1 and not block.classes:includes("unnumbered") then
      -- number.lua, run before, wrote the chapter's own number on its heading.
      chapter, count = tonumber(block.attributes.number) or chapter + 1, 0
    elseif is_figure(block) then
      local img = block.content[1]
      if img.src:match("^build/diagrams/") and not (img.attributes.alt and img.attributes.alt:match("%S")) then
        fail(img.src .. ": a diagram needs alt=\"...\" describing what it shows")
      end
      count = count + 1
      local label = chapter .. "." .. count
      if img.identifier ~= "" then figures[img.identifier] = label end
      if not img.attributes.alt then img.attributes.alt = pandoc.utils.stringify(img.caption) end
      local caption = { pandoc.Str("Figure " .. label .. ":"), pandoc.Space() }
      for _, inline in ipairs(img.caption) do caption[#caption + 1] = inline end
      img.caption = caption
    end
  end
end

local body = {
  Header = function(h)
    if h.level >= 3 and pandoc.utils.stringify(h.content):match("^Exercise %d+%.%d+") then
      h.classes:insert("unnumbered")
      return h
    end
  end,
  Link = function(link)
    local id = link.target:match("^#(fig%-.+)$")
    if id and #link.content == 0 then
      if not figures[id] then fail("a reference to #" .. id .. ", which is no figure") end
      link.content = { pandoc.Str("Figure"), pandoc.Space(), pandoc.Str(figures[id]) }
      link.classes:insert("figure-ref")
      return link
    end
  end,
  Str = github_ref,
}

function Pandoc(doc)
  number_figures(doc)
  return doc:walk(body)
end
