-- links.lua: fail the build on an internal link to an anchor that does not
-- exist. pandoc itself writes such links silently.
local ids, links = {}, {}

local function record(el)
  if el.identifier and el.identifier ~= "" then ids[el.identifier] = true end
end

local collect = {
  Header = record, Div = record, Span = record, CodeBlock = record,
  Code = record, Image = record, Table = record,
  Link = function(link)
    record(link)
    local target = link.target:match("^#(.+)$")
    if target then links[#links + 1] = target end
  end,
}

local check = {
  Pandoc = function(doc)
    local missing = {}
    for _, target in ipairs(links) do
      if not ids[target] then missing[#missing + 1] = "#" .. target end
    end
    if #missing > 0 then
      io.stderr:write("links.lua: broken internal links: " .. table.concat(missing, ", ") .. "\n")
      os.exit(1)
    end
    return nil
  end,
}

return { collect, check }
